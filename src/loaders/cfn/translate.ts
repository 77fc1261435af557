/**
 * CloudFormation resources in the model's terms: each network-relevant type becomes the resource the
 * Terraform AWS provider would declare for the same thing (AWS::EC2::Subnet → aws_subnet with
 * cidr_block, vpc_id, …), so that the network model and every rule read both alike. The address is
 * the logical id; `nativeType` keeps the template's type for reports; every attribute points at the
 * property it comes from. Types with no counterpart here keep their own type and their properties.
 *
 * Where CloudFormation's defaults differ from Terraform's, the translation writes CloudFormation's:
 * a security group without SecurityGroupEgress keeps AWS's allow-all egress rule.
 */
import { SourcesOnRead } from '../../model/lazy-sources.js';
import type { ModelResource } from '../../model/resource.js';
import type { Span } from '../../model/source.js';
import { TfSet, Unknown, isObject, newObject, type ObjectValue, type Value } from '../../model/value.js';
import { addressOfRef, type CfnResource } from './template.js';
import { table } from '../../model/table.js';

/** One attribute: its Terraform name and where its value comes from in the properties. */
/** `sourcePath` may depend on the translated resource (which list entry a value came from). */
type Field = [attr: string, from: string | ((p: Props) => Value | undefined), sourcePath?: string | ((m: ModelResource) => string)];

interface Props {
  get(path: string): Value | undefined;
}

const TAGS: Field = ['tags', (p) => tagsOf(p.get('Tags')), 'Tags'];

/** VPN tunnel options: the provider's suffix (after tunnelN_) and CloudFormation's property. */
const TUNNEL_OPTIONS: ReadonlyArray<[string, string]> = [
  ['ike_versions', 'IKEVersions'],
  ['phase1_integrity_algorithms', 'Phase1IntegrityAlgorithms'],
  ['phase2_integrity_algorithms', 'Phase2IntegrityAlgorithms'],
  ['phase1_encryption_algorithms', 'Phase1EncryptionAlgorithms'],
  ['phase2_encryption_algorithms', 'Phase2EncryptionAlgorithms'],
  ['phase1_dh_group_numbers', 'Phase1DHGroupNumbers'],
  ['phase2_dh_group_numbers', 'Phase2DHGroupNumbers'],
];

/** A list of `{Value: x}` as the list of x; absent stays absent, unknown stays unknown. */
function valuesOf(v: Value | undefined): Value | undefined {
  if (v === undefined || v instanceof Unknown) return v;
  return listOf(v).map((x) => field(x, 'Value') ?? null);
}

/**
 * How a CloudFormation type becomes a provider resource: its type, and each attribute from its
 * property; `parts` are the resources of their own that entries of a list property stand for,
 * where the provider declares one resource per entry (a target group's targets as attachments).
 */
interface Spec {
  type: string;
  fields: Field[];
  /** `self` stands for a reference to the resource itself (`!Ref`). */
  parts?: (p: Props, self: Unknown) => Part[];
}

/** A resource of its own for one entry of a list property. */
interface Part {
  /** Appended to the logical id: the entry's property path, e.g. `.Targets[0]`. */
  suffix: string;
  type: string;
  /** The property path it is written at: its span. */
  at: string;
  /** Each attribute, its value and the property path it comes from. */
  fields: Array<[attr: string, value: Value | undefined, sourcePath?: string]>;
  /** Places of nested settings: an attribute path ("policy_attribute[1].value") and its property path. */
  places?: Array<[attrPath: string, sourcePath: string]>;
}

const TYPES: Record<string, Spec> = table({
  'AWS::EC2::VPC': { type: 'aws_vpc', fields: [['cidr_block', 'CidrBlock'], ['enable_dns_support', 'EnableDnsSupport'], TAGS] },
  // IPv4 or IPv6: the provider has a resource for each (the IPv6 one is chosen in translate()).
  'AWS::EC2::VPCCidrBlock': {
    type: 'aws_vpc_ipv4_cidr_block_association',
    fields: [
      ['vpc_id', 'VpcId'],
      ['cidr_block', 'CidrBlock'],
      ['ipv6_cidr_block', 'Ipv6CidrBlock'],
      ['assign_generated_ipv6_cidr_block', 'AmazonProvidedIpv6CidrBlock'],
      ['ipv6_ipam_pool_id', 'Ipv6IpamPoolId'],
      ['ipv6_pool', 'Ipv6Pool'],
    ],
  },
  'AWS::EC2::Subnet': {
    type: 'aws_subnet',
    fields: [
      ['vpc_id', 'VpcId'],
      ['cidr_block', 'CidrBlock'],
      ['ipv6_cidr_block', 'Ipv6CidrBlock'],
      ['assign_ipv6_address_on_creation', 'AssignIpv6AddressOnCreation'],
      ['ipv6_native', 'Ipv6Native'],
      ['map_public_ip_on_launch', 'MapPublicIpOnLaunch'],
      ['availability_zone', 'AvailabilityZone'],
      TAGS,
    ],
  },
  'AWS::EC2::InternetGateway': { type: 'aws_internet_gateway', fields: [TAGS] },
  'AWS::EC2::EgressOnlyInternetGateway': { type: 'aws_egress_only_internet_gateway', fields: [['vpc_id', 'VpcId'], TAGS] },
  // One CloudFormation type attaches either kind of gateway; the provider has one resource for each.
  'AWS::EC2::VPCGatewayAttachment': { type: 'aws_internet_gateway_attachment', fields: [['vpc_id', 'VpcId'], ['internet_gateway_id', 'InternetGatewayId'], ['vpn_gateway_id', 'VpnGatewayId']] },
  'AWS::EC2::RouteTable': { type: 'aws_route_table', fields: [['vpc_id', 'VpcId'], TAGS] },
  'AWS::EC2::Route': {
    type: 'aws_route',
    fields: [
      ['route_table_id', 'RouteTableId'],
      ['destination_cidr_block', 'DestinationCidrBlock'],
      ['destination_ipv6_cidr_block', 'DestinationIpv6CidrBlock'],
      ['destination_prefix_list_id', 'DestinationPrefixListId'],
      ['gateway_id', 'GatewayId'],
      ['nat_gateway_id', 'NatGatewayId'],
      ['transit_gateway_id', 'TransitGatewayId'],
      ['vpc_peering_connection_id', 'VpcPeeringConnectionId'],
      ['network_interface_id', 'NetworkInterfaceId'],
      ['instance_id', 'InstanceId'],
      ['vpc_endpoint_id', 'VpcEndpointId'],
      ['egress_only_gateway_id', 'EgressOnlyInternetGatewayId'],
      // Targets the network model does not follow: read so that the route leads somewhere unknown, not nowhere.
      ['carrier_gateway_id', 'CarrierGatewayId'],
      ['local_gateway_id', 'LocalGatewayId'],
      ['core_network_arn', 'CoreNetworkArn'],
    ],
  },
  'AWS::EC2::SubnetRouteTableAssociation': { type: 'aws_route_table_association', fields: [['subnet_id', 'SubnetId'], ['route_table_id', 'RouteTableId']] },
  'AWS::EC2::GatewayRouteTableAssociation': { type: 'aws_route_table_association', fields: [['gateway_id', 'GatewayId'], ['route_table_id', 'RouteTableId']] },
  'AWS::EC2::NatGateway': { type: 'aws_nat_gateway', fields: [['allocation_id', 'AllocationId'], ['subnet_id', 'SubnetId'], ['connectivity_type', 'ConnectivityType'], ['private_ip', 'PrivateIpAddress'], TAGS] },
  'AWS::EC2::EIP': { type: 'aws_eip', fields: [['instance', 'InstanceId'], ['domain', 'Domain'], ['address', 'Address'], TAGS] },
  'AWS::EC2::EIPAssociation': { type: 'aws_eip_association', fields: [['allocation_id', 'AllocationId'], ['instance_id', 'InstanceId'], ['network_interface_id', 'NetworkInterfaceId']] },
  'AWS::EC2::SecurityGroup': {
    type: 'aws_security_group',
    fields: [
      ['vpc_id', 'VpcId'],
      ['description', 'GroupDescription'],
      ['name', 'GroupName'],
      ['ingress', (p) => rules(p.get('SecurityGroupIngress'), 'ingress'), 'SecurityGroupIngress'],
      // CloudFormation keeps AWS's allow-all egress rule unless egress rules are written.
      // An empty list adds no rule, so AWS's default stays as when the property is absent.
      ['egress', (p) => (p.get('SecurityGroupEgress') === undefined || (Array.isArray(p.get('SecurityGroupEgress')) && listOf(p.get('SecurityGroupEgress')).length === 0) ? [allowAllEgress()] : rules(p.get('SecurityGroupEgress'), 'egress')), 'SecurityGroupEgress'],
      TAGS,
    ],
  },
  // In a default VPC a rule may name its group by GroupName instead of GroupId.
  'AWS::EC2::SecurityGroupIngress': { type: 'aws_security_group_rule', fields: [['type', () => 'ingress'], ['security_group_id', (p) => p.get('GroupId') ?? p.get('GroupName'), 'GroupId'], ...ruleFields('ingress')] },
  'AWS::EC2::SecurityGroupEgress': { type: 'aws_security_group_rule', fields: [['type', () => 'egress'], ['security_group_id', 'GroupId'], ...ruleFields('egress')] },
  'AWS::EC2::NetworkAcl': { type: 'aws_network_acl', fields: [['vpc_id', 'VpcId'], TAGS] },
  'AWS::EC2::NetworkAclEntry': {
    type: 'aws_network_acl_rule',
    fields: [
      ['network_acl_id', 'NetworkAclId'],
      ['rule_number', 'RuleNumber'],
      ['egress', (p) => p.get('Egress') ?? false, 'Egress'],
      ['protocol', (p) => protocolOf(p.get('Protocol')), 'Protocol'],
      ['rule_action', 'RuleAction'],
      ['cidr_block', 'CidrBlock'],
      ['ipv6_cidr_block', 'Ipv6CidrBlock'],
      ['from_port', 'PortRange.From'],
      ['to_port', 'PortRange.To'],
      ['icmp_type', 'Icmp.Type'],
      ['icmp_code', 'Icmp.Code'],
    ],
  },
  'AWS::EC2::SubnetNetworkAclAssociation': { type: 'aws_network_acl_association', fields: [['network_acl_id', 'NetworkAclId'], ['subnet_id', 'SubnetId']] },
  'AWS::EC2::Instance': {
    type: 'aws_instance',
    fields: [
      // The primary interface (device index 0) written inline is the instance's own subnet, groups
      // and addresses; one named by NetworkInterfaceId is the provider's network_interface block.
      ['subnet_id', (p) => p.get('SubnetId') ?? primary(p, 'SubnetId'), primaryPath('SubnetId', 'SubnetId')],
      ['private_ip', (p) => p.get('PrivateIpAddress') ?? primary(p, 'PrivateIpAddress'), primaryPath('PrivateIpAddress', 'PrivateIpAddress')],
      ['vpc_security_group_ids', (p) => p.get('SecurityGroupIds') ?? primary(p, 'GroupSet'), primaryPath('SecurityGroupIds', 'GroupSet')],
      ['security_groups', 'SecurityGroups'],
      ['associate_public_ip_address', (p) => primary(p, 'AssociatePublicIpAddress'), (m) => `NetworkInterfaces[${primaryBlock(m)}].AssociatePublicIpAddress`],
      ['ipv6_address_count', (p) => p.get('Ipv6AddressCount') ?? primary(p, 'Ipv6AddressCount'), primaryPath('Ipv6AddressCount', 'Ipv6AddressCount')],
      ['ipv6_addresses', (p) => p.get('Ipv6Addresses') ?? primary(p, 'Ipv6Addresses'), primaryPath('Ipv6Addresses', 'Ipv6Addresses')],
      ['network_interface', (p) => eachOf(p.get('NetworkInterfaces'), (n) => newObject([['network_interface_id', field(n, 'NetworkInterfaceId') ?? null], ['device_index', field(n, 'DeviceIndex') ?? null]])), 'NetworkInterfaces'],
      ['source_dest_check', 'SourceDestCheck'],
      ['metadata_options', (p) => metadataOptions(p, 'MetadataOptions'), 'MetadataOptions'],
      ['launch_template', (p) => (p.get('LaunchTemplate') === undefined ? undefined : [newObject([['id', p.get('LaunchTemplate.LaunchTemplateId') ?? null], ['name', p.get('LaunchTemplate.LaunchTemplateName') ?? null]])]), 'LaunchTemplate'],
      ['ami', 'ImageId'],
      ['instance_type', 'InstanceType'],
      ['iam_instance_profile', 'IamInstanceProfile'],
      // Block device mappings with an EBS volume: the provider's ebs_block_device blocks. Mappings not
      // known before deployment may hold any volume: not known, never none.
      ['ebs_block_device', (p) => {
        const list = p.get('BlockDeviceMappings');
        if (list === undefined || list instanceof Unknown) return list;
        return listOf(list).filter((m) => field(m, 'Ebs') !== undefined).map((m) => newObject([['device_name', field(m, 'DeviceName') ?? null], ['encrypted', field(field(m, 'Ebs') ?? null, 'Encrypted') ?? null]]));
      }, 'BlockDeviceMappings'],
      TAGS,
    ],
    // Every further interface written inline is an interface of its own, in its subnet; every volume
    // attached in Volumes an attachment of its own (the volume sits with the instance). An entry not
    // known before deployment is an interface whose every setting is not known; Volumes not known as a
    // whole may attach any volume: one attachment of a volume not known.
    parts: (p, self) => [
      ...listOf(p.get('NetworkInterfaces')).flatMap((n, i): Part[] =>
        i === primaryIndex(p) || (!(n instanceof Unknown) && field(n, 'NetworkInterfaceId') !== undefined)
          ? []
          : [
              {
                suffix: `.NetworkInterfaces[${i}]`,
                type: 'aws_network_interface',
                at: `NetworkInterfaces[${i}]`,
                fields: [
                  ['subnet_id', field(n, 'SubnetId'), `NetworkInterfaces[${i}].SubnetId`],
                  ['security_groups', field(n, 'GroupSet'), `NetworkInterfaces[${i}].GroupSet`],
                  ['private_ip', field(n, 'PrivateIpAddress'), `NetworkInterfaces[${i}].PrivateIpAddress`],
                  ['ipv6_address_count', field(n, 'Ipv6AddressCount'), `NetworkInterfaces[${i}].Ipv6AddressCount`],
                  ['ipv6_addresses', field(n, 'Ipv6Addresses'), `NetworkInterfaces[${i}].Ipv6Addresses`],
                  // An interface of this instance: one host with it.
                  ['attachment', [newObject([['instance', self], ['device_index', field(n, 'DeviceIndex') ?? null]])], `NetworkInterfaces[${i}]`],
                ],
              },
            ],
      ),
      ...volumesOf(p.get('Volumes'), self),
    ],
  },
  'AWS::EC2::VolumeAttachment': { type: 'aws_volume_attachment', fields: [['instance_id', 'InstanceId'], ['volume_id', 'VolumeId'], ['device_name', 'Device']] },
  // IAM, for admin-privileges-scoped. An inline policy list becomes the provider's inline_policy
  // blocks; AWS::IAM::Policy and ManagedPolicy keep the roles they attach to as `roles`.
  'AWS::IAM::Role': {
    type: 'aws_iam_role',
    fields: [
      ['name', 'RoleName'],
      ['managed_policy_arns', 'ManagedPolicyArns'],
      ['inline_policy', (p) => eachOf(p.get('Policies'), (x) => newObject([['name', field(x, 'PolicyName') ?? null], ['policy', field(x, 'PolicyDocument') ?? null]])), 'Policies'],
      TAGS,
    ],
  },
  'AWS::IAM::InstanceProfile': { type: 'aws_iam_instance_profile', fields: [['name', 'InstanceProfileName'], ['role', (p) => listOf(p.get('Roles'))[0] ?? p.get('Roles'), 'Roles']] },
  'AWS::IAM::Policy': { type: 'aws_iam_policy', fields: [['name', 'PolicyName'], ['policy', 'PolicyDocument'], ['roles', 'Roles']] },
  'AWS::IAM::ManagedPolicy': { type: 'aws_iam_policy', fields: [['name', 'ManagedPolicyName'], ['policy', 'PolicyDocument'], ['roles', 'Roles']] },
  'AWS::IAM::RolePolicy': { type: 'aws_iam_role_policy', fields: [['name', 'PolicyName'], ['role', 'RoleName'], ['policy', 'PolicyDocument']] },
  // An ECS task runs as its task role.
  'AWS::ECS::TaskDefinition': { type: 'aws_ecs_task_definition', fields: [['family', 'Family'], ['task_role_arn', 'TaskRoleArn'], ['execution_role_arn', 'ExecutionRoleArn'], ['network_mode', 'NetworkMode'], TAGS] },
  // VpcConfig as the provider's vpc_config block: what places a function in a VPC.
  'AWS::Lambda::Function': {
    type: 'aws_lambda_function',
    fields: [
      ['function_name', 'FunctionName'],
      ['role', 'Role'],
      ['vpc_config', (p) => blockOf(p, 'VpcConfig', [['subnet_ids', 'SubnetIds'], ['security_group_ids', 'SecurityGroupIds']]), 'VpcConfig'],
      TAGS,
    ],
  },
  // Patch management and malware protection, for patch-and-malware-coverage. A detector's Features
  // list stays a list of { name, status } under `features` (the provider puts them in their own resource).
  'AWS::SSM::Association': {
    type: 'aws_ssm_association',
    fields: [
      ['name', 'Name'],
      ['instance_id', 'InstanceId'],
      ['targets', (p) => targetsOf(p.get('Targets')), 'Targets'],
      ['parameters', 'Parameters'],
    ],
  },
  'AWS::GuardDuty::Detector': {
    type: 'aws_guardduty_detector',
    fields: [
      ['enable', 'Enable'],
      ['datasources', (p) => {
        const v = p.get('DataSources.MalwareProtection.ScanEc2InstanceWithFindings.EbsVolumes');
        return v === undefined ? undefined : [newObject([['malware_protection', [newObject([['scan_ec2_instance_with_findings', [newObject([['ebs_volumes', [newObject([['enable', v]])]]])]]])]]])];
      }, 'DataSources'],
      ['features', (p) => eachOf(p.get('Features'), (f) => newObject([['name', field(f, 'Name') ?? null], ['status', field(f, 'Status') ?? null]])), 'Features'],
    ],
  },
  'AWS::SSM::MaintenanceWindowTarget': { type: 'aws_ssm_maintenance_window_target', fields: [['window_id', 'WindowId'], ['targets', (p) => targetsOf(p.get('Targets')), 'Targets']] },
  'AWS::SSM::MaintenanceWindowTask': {
    type: 'aws_ssm_maintenance_window_task',
    fields: [
      ['window_id', 'WindowId'],
      ['task_arn', 'TaskArn'],
      ['targets', (p) => targetsOf(p.get('Targets')), 'Targets'],
      ['task_invocation_parameters', (p) => {
        const params = p.get('TaskInvocationParameters.MaintenanceWindowRunCommandParameters.Parameters');
        if (params === undefined || !isObject(params)) return params;
        const list = Object.entries(params).map(([name, values]) => newObject([['name', name], ['values', values]]));
        return [newObject([['run_command_parameters', [newObject([['parameter', list]])]]])];
      }, 'TaskInvocationParameters'],
    ],
  },
  // API Gateway custom domains and their mappings, IoT authorizers: interconnection-authenticated, tls-minimum-version.
  'AWS::ApiGatewayV2::Api': { type: 'aws_apigatewayv2_api', fields: [['name', 'Name'], ['protocol_type', 'ProtocolType'], ['disable_execute_api_endpoint', 'DisableExecuteApiEndpoint'], ['tags', 'Tags']] },
  'AWS::ApiGatewayV2::DomainName': {
    type: 'aws_apigatewayv2_domain_name',
    fields: [
      ['domain_name', 'DomainName'],
      ['domain_name_configuration', (p) => eachOf(p.get('DomainNameConfigurations'), (c) => newObject([['security_policy', field(c, 'SecurityPolicy') ?? null], ['endpoint_type', field(c, 'EndpointType') ?? null], ['certificate_arn', field(c, 'CertificateArn') ?? null]])), 'DomainNameConfigurations'],
      ['mutual_tls_authentication', (p) => (p.get('MutualTlsAuthentication') === undefined ? undefined : [newObject([['truststore_uri', p.get('MutualTlsAuthentication.TruststoreUri') ?? null]])]), 'MutualTlsAuthentication'],
      ['tags', 'Tags'],
    ],
  },
  'AWS::ApiGatewayV2::ApiMapping': { type: 'aws_apigatewayv2_api_mapping', fields: [['api_id', 'ApiId'], ['domain_name', 'DomainName'], ['stage', 'Stage']] },
  'AWS::ApiGateway::RestApi': {
    type: 'aws_api_gateway_rest_api',
    fields: [
      ['name', 'Name'],
      ['disable_execute_api_endpoint', 'DisableExecuteApiEndpoint'],
      // The endpoint type decides the default endpoint's TLS policy (a private API's is TLS 1.2).
      ['endpoint_configuration', (p) => blockOf(p, 'EndpointConfiguration', [['types', 'Types'], ['vpc_endpoint_ids', 'VpcEndpointIds']]), 'EndpointConfiguration'],
      TAGS,
    ],
  },
  // A launch template's data as the provider's blocks: what instance-metadata-v2, the public-address
  // rule and zone membership read of it.
  'AWS::EC2::LaunchTemplate': {
    type: 'aws_launch_template',
    fields: [
      ['name', 'LaunchTemplateName'],
      ['metadata_options', (p) => metadataOptions(p, 'LaunchTemplateData.MetadataOptions'), 'LaunchTemplateData.MetadataOptions'],
      [
        'network_interfaces',
        (p) =>
          eachOf(p.get('LaunchTemplateData.NetworkInterfaces'), (n) =>
            newObject([['subnet_id', field(n, 'SubnetId') ?? null], ['associate_public_ip_address', field(n, 'AssociatePublicIpAddress') ?? null], ['security_groups', field(n, 'Groups') ?? null], ['device_index', field(n, 'DeviceIndex') ?? null]]),
          ),
        'LaunchTemplateData.NetworkInterfaces',
      ],
      ['vpc_security_group_ids', 'LaunchTemplateData.SecurityGroupIds'],
      // The EBS volumes it creates, as the provider's block_device_mappings (data-at-rest-encrypted). A
      // mapping with NoDevice (any string, the empty one too) suppresses a device of the AMI: none.
      [
        'block_device_mappings',
        (p) => {
          const list = p.get('LaunchTemplateData.BlockDeviceMappings');
          if (list === undefined || list instanceof Unknown) return list;
          return listOf(list)
            .filter((m) => m instanceof Unknown || field(m, 'NoDevice') === undefined)
            .map((m) => {
              // An entry not known before deployment may be any volume: its device and volume not known.
              if (m instanceof Unknown) return newObject([['device_name', m], ['ebs', m]]);
              const ebs = field(m, 'Ebs');
              const blocks = ebs === undefined ? [] : ebs instanceof Unknown ? ebs : [newObject([['encrypted', field(ebs, 'Encrypted') ?? null], ['snapshot_id', field(ebs, 'SnapshotId') ?? null]])];
              return newObject([['device_name', field(m, 'DeviceName') ?? null], ['virtual_name', field(m, 'VirtualName') ?? null], ['ebs', blocks]]);
            });
        },
        'LaunchTemplateData.BlockDeviceMappings',
      ],
      ['iam_instance_profile', (p) => (p.get('LaunchTemplateData.IamInstanceProfile') === undefined ? undefined : [newObject([['name', p.get('LaunchTemplateData.IamInstanceProfile.Name') ?? null], ['arn', p.get('LaunchTemplateData.IamInstanceProfile.Arn') ?? null]])]), 'LaunchTemplateData.IamInstanceProfile'],
      // The template's own tags: its TagSpecifications for the resource type launch-template.
      ['tags', (p) => templateTags(p.get('TagSpecifications')), 'TagSpecifications'],
    ],
  },
  // Auto Scaling, for instance-metadata-v2: a launch configuration's metadata options, and what a
  // group launches from (its launch template, its mixed instances policy's, its launch configuration).
  'AWS::AutoScaling::LaunchConfiguration': {
    type: 'aws_launch_configuration',
    fields: [
      ['name', 'LaunchConfigurationName'],
      ['image_id', 'ImageId'],
      ['instance_type', 'InstanceType'],
      ['security_groups', 'SecurityGroups'],
      ['associate_public_ip_address', 'AssociatePublicIpAddress'],
      ['iam_instance_profile', 'IamInstanceProfile'],
      ['metadata_options', (p) => metadataOptions(p, 'MetadataOptions'), 'MetadataOptions'],
    ],
  },
  'AWS::AutoScaling::AutoScalingGroup': {
    type: 'aws_autoscaling_group',
    fields: [
      ['name', 'AutoScalingGroupName'],
      ['vpc_zone_identifier', 'VPCZoneIdentifier'],
      ['launch_configuration', 'LaunchConfigurationName'],
      ['launch_template', (p) => templateSpec(p, 'LaunchTemplate', ['id', 'name']), 'LaunchTemplate'],
      [
        'mixed_instances_policy',
        (p) => {
          const policy = p.get('MixedInstancesPolicy');
          if (policy === undefined || policy instanceof Unknown) return policy;
          const lt = p.get('MixedInstancesPolicy.LaunchTemplate');
          if (lt === undefined || lt instanceof Unknown) return [newObject([['launch_template', lt ?? []]])];
          const spec = templateSpec(p, 'MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification', ['launch_template_id', 'launch_template_name']);
          // Overrides may name templates of their own for their instance types.
          const override = eachOf(p.get('MixedInstancesPolicy.LaunchTemplate.Overrides'), (o) => {
            const s = field(o, 'LaunchTemplateSpecification');
            const os = s === undefined || s instanceof Unknown ? (s ?? []) : [newObject([['launch_template_id', field(s, 'LaunchTemplateId') ?? null], ['launch_template_name', field(s, 'LaunchTemplateName') ?? null]])];
            return newObject([['launch_template_specification', os]]);
          });
          return [newObject([['launch_template', [newObject([['launch_template_specification', spec ?? []], ['override', override ?? []]])]]])];
        },
        'MixedInstancesPolicy',
      ],
      // Tags ({Key, Value, PropagateAtLaunch}) as the provider's tag blocks: a zone selects the group
      // by them, as it does a Terraform group's.
      ['tag', (p) => tagBlocksOf(p.get('Tags')), 'Tags'],
    ],
  },
  // An EKS managed node group: its nodes run in its subnets, as its node role, launched from its
  // launch template when it names one (instance-metadata-v2, admin-privileges-scoped). Its Tags are a map.
  'AWS::EKS::Nodegroup': {
    type: 'aws_eks_node_group',
    fields: [
      ['node_group_name', 'NodegroupName'],
      ['subnet_ids', 'Subnets'],
      ['node_role_arn', 'NodeRole'],
      ['launch_template', (p) => (p.get('LaunchTemplate') === undefined || p.get('LaunchTemplate') instanceof Unknown ? p.get('LaunchTemplate') : [newObject([['id', p.get('LaunchTemplate.Id') ?? null], ['name', p.get('LaunchTemplate.Name') ?? null], ['version', p.get('LaunchTemplate.Version') ?? null]])]), 'LaunchTemplate'],
      ['tags', 'Tags'],
    ],
  },
  // A distribution's viewer certificate, for tls-minimum-version; without one, CloudFront serves its
  // default *.cloudfront.net certificate.
  'AWS::CloudFront::Distribution': {
    type: 'aws_cloudfront_distribution',
    fields: [
      [
        'viewer_certificate',
        (p) =>
          p.get('DistributionConfig.ViewerCertificate') === undefined
            ? [newObject([['cloudfront_default_certificate', true]])]
            : [
                newObject([
                  ['cloudfront_default_certificate', p.get('DistributionConfig.ViewerCertificate.CloudFrontDefaultCertificate') ?? null],
                  ['acm_certificate_arn', p.get('DistributionConfig.ViewerCertificate.AcmCertificateArn') ?? null],
                  ['minimum_protocol_version', p.get('DistributionConfig.ViewerCertificate.MinimumProtocolVersion') ?? null],
                  ['ssl_support_method', p.get('DistributionConfig.ViewerCertificate.SslSupportMethod') ?? null],
                ]),
              ],
        'DistributionConfig.ViewerCertificate',
      ],
      TAGS,
    ],
  },
  'AWS::ApiGateway::DomainName': {
    type: 'aws_api_gateway_domain_name',
    fields: [
      ['domain_name', 'DomainName'],
      ['security_policy', 'SecurityPolicy'],
      ['mutual_tls_authentication', (p) => (p.get('MutualTlsAuthentication') === undefined ? undefined : [newObject([['truststore_uri', p.get('MutualTlsAuthentication.TruststoreUri') ?? null]])]), 'MutualTlsAuthentication'],
      TAGS,
    ],
  },
  'AWS::ApiGateway::BasePathMapping': { type: 'aws_api_gateway_base_path_mapping', fields: [['api_id', 'RestApiId'], ['domain_name', 'DomainName']] },
  'AWS::IoT::Authorizer': { type: 'aws_iot_authorizer', fields: [['name', 'AuthorizerName'], ['signing_disabled', 'SigningDisabled'], ['authorizer_function_arn', 'AuthorizerFunctionArn']] },
  'AWS::EC2::NetworkInterfaceAttachment': { type: 'aws_network_interface_attachment', fields: [['instance_id', 'InstanceId'], ['network_interface_id', 'NetworkInterfaceId'], ['device_index', 'DeviceIndex']] },
  'AWS::EC2::NetworkInterface': {
    type: 'aws_network_interface',
    fields: [
      ['subnet_id', 'SubnetId'],
      ['private_ip', 'PrivateIpAddress'],
      ['security_groups', 'GroupSet'],
      ['source_dest_check', 'SourceDestCheck'],
      ['ipv6_address_count', 'Ipv6AddressCount'],
      ['ipv6_addresses', 'Ipv6Addresses'],
      TAGS,
    ],
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    type: 'aws_lb',
    fields: [
      ['subnets', 'Subnets'],
      ['security_groups', 'SecurityGroups'],
      ['internal', (p) => (p.get('Scheme') instanceof Unknown ? p.get('Scheme') : p.get('Scheme') === 'internal'), 'Scheme'],
      ['load_balancer_type', 'Type'],
      ['subnet_mapping', (p) => listOf(p.get('SubnetMappings')).map((m) => newObject([['subnet_id', field(m, 'SubnetId') ?? null]])), 'SubnetMappings'],
      ['access_logs', (p) => accessLogs(p.get('LoadBalancerAttributes')), 'LoadBalancerAttributes'],
      TAGS,
    ],
  },
  'AWS::ElasticLoadBalancing::LoadBalancer': {
    type: 'aws_elb',
    fields: [
      ['subnets', 'Subnets'],
      ['security_groups', 'SecurityGroups'],
      ['internal', (p) => (p.get('Scheme') instanceof Unknown ? p.get('Scheme') : p.get('Scheme') === 'internal'), 'Scheme'],
      ['access_logs', (p) => (p.get('AccessLoggingPolicy') === undefined ? undefined : [newObject([['enabled', p.get('AccessLoggingPolicy.Enabled') ?? null], ['bucket', p.get('AccessLoggingPolicy.S3BucketName') ?? null]])]), 'AccessLoggingPolicy'],
      ['listener', (p) => eachOf(p.get('Listeners'), (l) => newObject([['lb_port', field(l, 'LoadBalancerPort') ?? null], ['lb_protocol', field(l, 'Protocol') ?? null], ['instance_port', field(l, 'InstancePort') ?? null], ['instance_protocol', field(l, 'InstanceProtocol') ?? null], ['ssl_certificate_id', field(l, 'SSLCertificateId') ?? null]])), 'Listeners'],
      ['instances', 'Instances'],
      ['name', 'LoadBalancerName'],
      TAGS,
    ],
    parts: (p, self) => classicPolicies(p, self),
  },
  'AWS::ElasticLoadBalancingV2::Listener': {
    type: 'aws_lb_listener',
    fields: [
      ['load_balancer_arn', 'LoadBalancerArn'],
      ['port', 'Port'],
      ['protocol', 'Protocol'],
      ['ssl_policy', 'SslPolicy'],
      ['default_action', (p) => actionsOf(p.get('DefaultActions')), 'DefaultActions'],
      ['mutual_authentication', (p) => (p.get('MutualAuthentication') === undefined ? undefined : [newObject([['mode', p.get('MutualAuthentication.Mode') ?? null], ['trust_store_arn', p.get('MutualAuthentication.TrustStoreArn') ?? null], ['ignore_client_certificate_expiry', p.get('MutualAuthentication.IgnoreClientCertificateExpiry') ?? null]])]), 'MutualAuthentication'],
    ],
  },
  'AWS::ElasticLoadBalancingV2::ListenerRule': { type: 'aws_lb_listener_rule', fields: [['listener_arn', 'ListenerArn'], ['priority', 'Priority'], ['action', (p) => actionsOf(p.get('Actions')), 'Actions']] },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    type: 'aws_lb_target_group',
    fields: [['port', 'Port'], ['protocol', 'Protocol'], ['vpc_id', 'VpcId'], ['target_type', 'TargetType'], ['preserve_client_ip', (p) => attribute(p.get('TargetGroupAttributes'), 'preserve_client_ip.enabled'), 'TargetGroupAttributes'], TAGS],
    // Each target as the provider's aws_lb_target_group_attachment; a list not known as one whose target is not known.
    parts: (p, self) => {
      const list = p.get('Targets');
      if (list === undefined) return [];
      const part = (suffix: string, at: string, id: Value, port?: Value): Part => ({
        suffix,
        type: 'aws_lb_target_group_attachment',
        at,
        fields: [
          ['target_group_arn', self],
          ['target_id', id, suffix === '.Targets' ? 'Targets' : `${at}.Id`],
          ['port', port, `${at}.Port`],
        ],
      });
      if (list instanceof Unknown) return [part('.Targets', 'Targets', list)];
      return listOf(list).map((t, i) => part(`.Targets[${i}]`, `Targets[${i}]`, field(t, 'Id') ?? null, field(t, 'Port')));
    },
  },
  'AWS::EC2::VPNGateway': { type: 'aws_vpn_gateway', fields: [['amazon_side_asn', 'AmazonSideAsn'], TAGS] },
  'AWS::EC2::CustomerGateway': { type: 'aws_customer_gateway', fields: [['ip_address', 'IpAddress'], ['bgp_asn', 'BgpAsn'], ['type', 'Type'], TAGS] },
  'AWS::EC2::VPNConnection': {
    type: 'aws_vpn_connection',
    fields: [
      ['vpn_gateway_id', 'VpnGatewayId'],
      ['transit_gateway_id', 'TransitGatewayId'],
      ['customer_gateway_id', 'CustomerGatewayId'],
      ['static_routes_only', 'StaticRoutesOnly'],
      ['type', 'Type'],
      // VpnTunnelOptionsSpecifications[0] and [1] are the provider's tunnel1_* and tunnel2_* options; each list is of {Value: …}.
      ...[0, 1].flatMap((i) =>
        TUNNEL_OPTIONS.map(([tf, cfn]): Field => [`tunnel${i + 1}_${tf}`, (p) => valuesOf(p.get(`VpnTunnelOptionsSpecifications[${i}].${cfn}`)), `VpnTunnelOptionsSpecifications[${i}].${cfn}`]),
      ),
      TAGS,
    ],
  },
  'AWS::CloudTrail::Trail': {
    type: 'aws_cloudtrail',
    fields: [
      ['name', 'TrailName'],
      ['s3_bucket_name', 'S3BucketName'],
      ['is_multi_region_trail', 'IsMultiRegionTrail'],
      ['enable_log_file_validation', 'EnableLogFileValidation'],
      ['enable_logging', 'IsLogging'],
      ['is_organization_trail', 'IsOrganizationTrail'],
      TAGS,
    ],
  },
  'AWS::EC2::VPNConnectionRoute': { type: 'aws_vpn_connection_route', fields: [['vpn_connection_id', 'VpnConnectionId'], ['destination_cidr_block', 'DestinationCidrBlock']] },
  // The provider propagates into one table per resource: every further table is a part of its own.
  'AWS::EC2::VPNGatewayRoutePropagation': {
    type: 'aws_vpn_gateway_route_propagation',
    fields: [['vpn_gateway_id', 'VpnGatewayId'], ['route_table_id', 'RouteTableIds[0]']],
    parts: (p) =>
      listOf(p.get('RouteTableIds'))
        .slice(1)
        .map((t, k) => ({ suffix: `.RouteTableIds[${k + 1}]`, type: 'aws_vpn_gateway_route_propagation', at: `RouteTableIds[${k + 1}]`, fields: [['vpn_gateway_id', p.get('VpnGatewayId'), 'VpnGatewayId'], ['route_table_id', t, `RouteTableIds[${k + 1}]`]] })),
  },
  'AWS::EC2::TransitGatewayPeeringAttachment': { type: 'aws_ec2_transit_gateway_peering_attachment', fields: [['transit_gateway_id', 'TransitGatewayId'], ['peer_transit_gateway_id', 'PeerTransitGatewayId'], ['peer_region', 'PeerRegion'], ['peer_account_id', 'PeerAccountId'], TAGS] },
  'AWS::EC2::TransitGatewayConnect': { type: 'aws_ec2_transit_gateway_connect', fields: [['transport_attachment_id', 'TransportTransitGatewayAttachmentId'], TAGS] },
  'AWS::EC2::PrefixList': {
    type: 'aws_ec2_managed_prefix_list',
    fields: [['name', 'PrefixListName'], ['address_family', 'AddressFamily'], ['max_entries', 'MaxEntries'], ['entry', (p) => eachOf(p.get('Entries'), (e) => newObject([['cidr', field(e, 'Cidr') ?? null], ['description', field(e, 'Description') ?? null]])), 'Entries'], TAGS],
  },
  'AWS::NetworkFirewall::Firewall': {
    type: 'aws_networkfirewall_firewall',
    fields: [['vpc_id', 'VpcId'], ['subnet_mapping', (p) => eachOf(p.get('SubnetMappings'), (m) => newObject([['subnet_id', field(m, 'SubnetId') ?? null]])), 'SubnetMappings'], TAGS],
  },
  'AWS::EC2::TransitGateway': { type: 'aws_ec2_transit_gateway', fields: [['default_route_table_association', (p) => lower(p.get('DefaultRouteTableAssociation')), 'DefaultRouteTableAssociation'], ['default_route_table_propagation', (p) => lower(p.get('DefaultRouteTablePropagation')), 'DefaultRouteTablePropagation'], TAGS] },
  'AWS::EC2::TransitGatewayAttachment': { type: 'aws_ec2_transit_gateway_vpc_attachment', fields: [['transit_gateway_id', 'TransitGatewayId'], ['vpc_id', 'VpcId'], ['subnet_ids', 'SubnetIds'], ['appliance_mode_support', (p) => lower(p.get('Options.ApplianceModeSupport')), 'Options.ApplianceModeSupport'], TAGS] },
  'AWS::EC2::TransitGatewayVpcAttachment': { type: 'aws_ec2_transit_gateway_vpc_attachment', fields: [['transit_gateway_id', 'TransitGatewayId'], ['vpc_id', 'VpcId'], ['subnet_ids', 'SubnetIds'], ['appliance_mode_support', (p) => lower(p.get('Options.ApplianceModeSupport')), 'Options.ApplianceModeSupport'], TAGS] },
  'AWS::EC2::TransitGatewayRouteTable': { type: 'aws_ec2_transit_gateway_route_table', fields: [['transit_gateway_id', 'TransitGatewayId']] },
  'AWS::EC2::TransitGatewayRoute': { type: 'aws_ec2_transit_gateway_route', fields: [['transit_gateway_route_table_id', 'TransitGatewayRouteTableId'], ['destination_cidr_block', 'DestinationCidrBlock'], ['transit_gateway_attachment_id', 'TransitGatewayAttachmentId'], ['blackhole', 'Blackhole']] },
  'AWS::EC2::TransitGatewayRouteTableAssociation': { type: 'aws_ec2_transit_gateway_route_table_association', fields: [['transit_gateway_attachment_id', 'TransitGatewayAttachmentId'], ['transit_gateway_route_table_id', 'TransitGatewayRouteTableId']] },
  'AWS::EC2::TransitGatewayRouteTablePropagation': { type: 'aws_ec2_transit_gateway_route_table_propagation', fields: [['transit_gateway_attachment_id', 'TransitGatewayAttachmentId'], ['transit_gateway_route_table_id', 'TransitGatewayRouteTableId']] },
  'AWS::EC2::VPCPeeringConnection': { type: 'aws_vpc_peering_connection', fields: [['vpc_id', 'VpcId'], ['peer_vpc_id', 'PeerVpcId'], TAGS] },
  'AWS::EC2::VPCEndpoint': { type: 'aws_vpc_endpoint', fields: [['vpc_id', 'VpcId'], ['service_name', 'ServiceName'], ['vpc_endpoint_type', 'VpcEndpointType'], ['route_table_ids', 'RouteTableIds'], ['subnet_ids', 'SubnetIds'], ['security_group_ids', 'SecurityGroupIds'], TAGS] },
  'AWS::EC2::FlowLog': {
    type: 'aws_flow_log',
    fields: [
      // A ResourceType known only at deployment may be VPC: the log's VPC is then not known (the
      // Unknown of the type, which names no resource), never none.
      ['vpc_id', (p) => (p.get('ResourceType') === 'VPC' ? p.get('ResourceId') : p.get('ResourceType') instanceof Unknown ? p.get('ResourceType') : undefined), 'ResourceId'],
      ['subnet_id', (p) => (p.get('ResourceType') === 'Subnet' ? p.get('ResourceId') : undefined), 'ResourceId'],
      ['traffic_type', 'TrafficType'],
      ['log_destination_type', 'LogDestinationType'],
      ['log_destination', 'LogDestination'],
    ],
  },
  'AWS::RDS::DBSubnetGroup': { type: 'aws_db_subnet_group', fields: [['name', 'DBSubnetGroupName'], ['subnet_ids', 'SubnetIds']] },
  'AWS::RDS::DBInstance': { type: 'aws_db_instance', fields: [['engine', (p) => lower(p.get('Engine')), 'Engine'], ['db_subnet_group_name', 'DBSubnetGroupName'], ['cluster_identifier', 'DBClusterIdentifier'], ['vpc_security_group_ids', 'VPCSecurityGroups'], ['publicly_accessible', 'PubliclyAccessible'], ['storage_encrypted', 'StorageEncrypted'], ['snapshot_identifier', 'DBSnapshotIdentifier'], ['replicate_source_db', 'SourceDBInstanceIdentifier'], ['port', 'Port'], TAGS] },
  'AWS::RDS::DBCluster': { type: 'aws_rds_cluster', fields: [['cluster_identifier', 'DBClusterIdentifier'], ['db_cluster_instance_class', 'DBClusterInstanceClass'], ['publicly_accessible', 'PubliclyAccessible'], ['engine', (p) => lower(p.get('Engine')), 'Engine'], ['engine_mode', 'EngineMode'], ['db_subnet_group_name', 'DBSubnetGroupName'], ['vpc_security_group_ids', 'VpcSecurityGroupIds'], ['storage_encrypted', 'StorageEncrypted'], ['snapshot_identifier', 'SnapshotIdentifier'], ['replication_source_identifier', 'ReplicationSourceIdentifier'], ['port', 'Port'], TAGS] },
  // DocumentDB and Neptune clusters, for data-at-rest-encrypted: StorageEncrypted as the provider's storage_encrypted.
  'AWS::DocDB::DBCluster': { type: 'aws_docdb_cluster', fields: [['cluster_identifier', 'DBClusterIdentifier'], ['db_subnet_group_name', 'DBSubnetGroupName'], ['vpc_security_group_ids', 'VpcSecurityGroupIds'], ['storage_encrypted', 'StorageEncrypted'], ['kms_key_id', 'KmsKeyId'], ['port', 'Port'], TAGS] },
  'AWS::Neptune::DBCluster': { type: 'aws_neptune_cluster', fields: [['cluster_identifier', 'DBClusterIdentifier'], ['neptune_subnet_group_name', 'DBSubnetGroupName'], ['vpc_security_group_ids', 'VpcSecurityGroupIds'], ['storage_encrypted', 'StorageEncrypted'], ['kms_key_arn', 'KmsKeyId'], ['port', 'Port'], TAGS] },
  'AWS::EC2::Volume': { type: 'aws_ebs_volume', fields: [['availability_zone', 'AvailabilityZone'], ['encrypted', 'Encrypted'], ['kms_key_id', 'KmsKeyId'], TAGS] },
  // What places a store in its subnets, for zone membership: subnet groups, and an EFS file system's mount targets.
  'AWS::ElastiCache::SubnetGroup': { type: 'aws_elasticache_subnet_group', fields: [['name', 'CacheSubnetGroupName'], ['subnet_ids', 'SubnetIds'], TAGS] },
  'AWS::DocDB::DBSubnetGroup': { type: 'aws_docdb_subnet_group', fields: [['name', 'DBSubnetGroupName'], ['subnet_ids', 'SubnetIds'], TAGS] },
  'AWS::Neptune::DBSubnetGroup': { type: 'aws_neptune_subnet_group', fields: [['name', 'DBSubnetGroupName'], ['subnet_ids', 'SubnetIds'], TAGS] },
  'AWS::EFS::MountTarget': { type: 'aws_efs_mount_target', fields: [['file_system_id', 'FileSystemId'], ['subnet_id', 'SubnetId'], ['ip_address', 'IpAddress'], ['security_groups', 'SecurityGroups']] },
  'AWS::EFS::FileSystem': { type: 'aws_efs_file_system', fields: [['encrypted', 'Encrypted'], ['kms_key_id', 'KmsKeyId'], ['tags', (p) => tagsOf(p.get('FileSystemTags')), 'FileSystemTags']] },
  // Search domains and warehouses, for data-at-rest-encrypted: EncryptionAtRestOptions as the
  // provider's encrypt_at_rest block, VPCOptions as vpc_options (what places a domain in its subnets).
  'AWS::OpenSearchService::Domain': { type: 'aws_opensearch_domain', fields: [['domain_name', 'DomainName'], ['encrypt_at_rest', (p) => blockOf(p, 'EncryptionAtRestOptions', [['enabled', 'Enabled'], ['kms_key_id', 'KmsKeyId']]), 'EncryptionAtRestOptions'], ['vpc_options', (p) => blockOf(p, 'VPCOptions', [['subnet_ids', 'SubnetIds'], ['security_group_ids', 'SecurityGroupIds']]), 'VPCOptions'], ['domain_endpoint_options', (p) => blockOf(p, 'DomainEndpointOptions', [['enforce_https', 'EnforceHTTPS'], ['tls_security_policy', 'TLSSecurityPolicy']]), 'DomainEndpointOptions'], TAGS] },
  'AWS::Elasticsearch::Domain': { type: 'aws_elasticsearch_domain', fields: [['domain_name', 'DomainName'], ['encrypt_at_rest', (p) => blockOf(p, 'EncryptionAtRestOptions', [['enabled', 'Enabled'], ['kms_key_id', 'KmsKeyId']]), 'EncryptionAtRestOptions'], ['vpc_options', (p) => blockOf(p, 'VPCOptions', [['subnet_ids', 'SubnetIds'], ['security_group_ids', 'SecurityGroupIds']]), 'VPCOptions'], ['domain_endpoint_options', (p) => blockOf(p, 'DomainEndpointOptions', [['enforce_https', 'EnforceHTTPS'], ['tls_security_policy', 'TLSSecurityPolicy']]), 'DomainEndpointOptions'], TAGS] },
  'AWS::Redshift::Cluster': { type: 'aws_redshift_cluster', fields: [['cluster_identifier', 'ClusterIdentifier'], ['encrypted', 'Encrypted'], ['kms_key_id', 'KmsKeyId'], ['cluster_subnet_group_name', 'ClusterSubnetGroupName'], ['vpc_security_group_ids', 'VpcSecurityGroupIds'], ['publicly_accessible', 'PubliclyAccessible'], TAGS] },
  'AWS::Redshift::ClusterSubnetGroup': { type: 'aws_redshift_subnet_group', fields: [['subnet_ids', 'SubnetIds'], TAGS] },
  // Data stores, keys and container services, for asset-inventory-tags (and a bucket's canned ACL, for no-public-data-stores).
  'AWS::S3::Bucket': { type: 'aws_s3_bucket', fields: [['bucket', 'BucketName'], ['acl', 'AccessControl'], TAGS] },
  'AWS::DynamoDB::Table': { type: 'aws_dynamodb_table', fields: [['name', 'TableName'], TAGS] },
  'AWS::KMS::Key': { type: 'aws_kms_key', fields: [['description', 'Description'], ['enable_key_rotation', 'EnableKeyRotation'], TAGS] },
  'AWS::SecretsManager::Secret': { type: 'aws_secretsmanager_secret', fields: [['name', 'Name'], ['kms_key_id', 'KmsKeyId'], TAGS] },
  'AWS::ECS::Cluster': { type: 'aws_ecs_cluster', fields: [['name', 'ClusterName'], TAGS] },
  'AWS::ECS::Service': {
    type: 'aws_ecs_service',
    fields: [
      ['name', 'ServiceName'],
      ['cluster', 'Cluster'],
      ['task_definition', 'TaskDefinition'],
      [
        'network_configuration',
        (p) => {
          const c = p.get('NetworkConfiguration.AwsvpcConfiguration');
          if (c === undefined || c instanceof Unknown) return c;
          // AssignPublicIp is ENABLED or DISABLED (AWS's default); the provider's assign_public_ip is a bool.
          const assign = p.get('NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp');
          const pub = typeof assign === 'string' ? assign.toUpperCase() === 'ENABLED' : (assign ?? null);
          return [newObject([['subnets', p.get('NetworkConfiguration.AwsvpcConfiguration.Subnets') ?? null], ['security_groups', p.get('NetworkConfiguration.AwsvpcConfiguration.SecurityGroups') ?? null], ['assign_public_ip', pub]])];
        },
        'NetworkConfiguration',
      ],
      TAGS,
    ],
  },
  // A node-based cache cluster: CloudFormation's has no replication group of its own to join (a
  // group's members are created by the group), so it is always a cluster of its own.
  'AWS::ElastiCache::CacheCluster': { type: 'aws_elasticache_cluster', fields: [['cluster_id', 'ClusterName'], ['engine', (p) => lower(p.get('Engine')), 'Engine'], ['subnet_group_name', 'CacheSubnetGroupName'], ['security_group_ids', 'VpcSecurityGroupIds'], TAGS] },
  'AWS::ElastiCache::ReplicationGroup': { type: 'aws_elasticache_replication_group', fields: [['engine', (p) => lower(p.get('Engine')), 'Engine'], ['at_rest_encryption_enabled', 'AtRestEncryptionEnabled'], ['subnet_group_name', 'CacheSubnetGroupName'], ['security_group_ids', 'SecurityGroupIds'], TAGS] },
});

function ruleFields(dir: 'ingress' | 'egress'): Field[] {
  const peer = dir === 'ingress' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId';
  const list = dir === 'ingress' ? 'SourcePrefixListId' : 'DestinationPrefixListId';
  return [
    ['protocol', (p) => protocolOf(p.get('IpProtocol')), 'IpProtocol'],
    ['from_port', 'FromPort'],
    ['to_port', 'ToPort'],
    ['cidr_blocks', (p) => one(p.get('CidrIp')), 'CidrIp'],
    ['ipv6_cidr_blocks', (p) => one(p.get('CidrIpv6')), 'CidrIpv6'],
    ['prefix_list_ids', (p) => one(p.get(list)), list],
    ['source_security_group_id', (p) => p.get(peer) ?? (dir === 'ingress' ? p.get('SourceSecurityGroupName') : undefined), peer],
  ];
}

/**
 * Inline rules of AWS::EC2::SecurityGroup as the provider's ingress/egress blocks. A property that is
 * not a list, or an entry that is not a mapping, is kept as written, never read as no rule:
 * CloudFormation refuses it at deploy, and graph/aws/invalid.ts says so at the value. An entry not
 * known before deployment is a rule whose every setting is not known, never no rule.
 */
function rules(v: Value | undefined, dir: 'ingress' | 'egress'): Value {
  if (v === undefined || v === null) return [];
  if (v instanceof Unknown || (!Array.isArray(v) && !(v instanceof TfSet))) return v;
  return listOf(v).map((r) => {
    // An entry not known before deployment (an Fn::If on a condition that compares the region) may
    // be any rule: every setting of it is that Unknown, so the rule widens the group where it stands.
    if (r instanceof Unknown) return unknownRule(r);
    if (!isObject(r)) return r;
    const get = (k: string): Value => field(r, k) ?? null;
    const peer = dir === 'ingress' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId';
    const list = dir === 'ingress' ? 'SourcePrefixListId' : 'DestinationPrefixListId';
    return newObject([
      ['protocol', protocolOf(get('IpProtocol')) ?? null],
      ['from_port', get('FromPort')],
      ['to_port', get('ToPort')],
      ['cidr_blocks', one(field(r, 'CidrIp'))],
      ['ipv6_cidr_blocks', one(field(r, 'CidrIpv6'))],
      ['security_groups', one(field(r, peer) ?? (dir === 'ingress' ? field(r, 'SourceSecurityGroupName') : undefined))],
      ['prefix_list_ids', one(field(r, list))],
      ['description', get('Description')],
    ]);
  });
}

/** An inline rule of which nothing is known: each setting is the entry's Unknown. */
function unknownRule(u: Unknown): ObjectValue {
  return newObject([
    ['protocol', u],
    ['from_port', u],
    ['to_port', u],
    ['cidr_blocks', [u]],
    ['ipv6_cidr_blocks', [u]],
    ['security_groups', [u]],
    ['prefix_list_ids', [u]],
    ['description', null],
  ]);
}

/**
 * The egress rule AWS gives a group created without one: all IPv4, and all IPv6 when the VPC has
 * an IPv6 range (taken as so: in a VPC without one no host has an IPv6 address to send from).
 */
function allowAllEgress(): ObjectValue {
  return newObject([
    ['protocol', '-1'],
    ['from_port', 0],
    ['to_port', 0],
    ['cidr_blocks', ['0.0.0.0/0']],
    ['ipv6_cidr_blocks', ['::/0']],
    ['security_groups', []],
    ['prefix_list_ids', []],
    ['description', "AWS's default egress rule"],
  ]);
}

/**
 * The model resources of one template. `prefix` (empty for a run with one template) goes before every
 * logical id — addresses and the references that Unknowns carry alike; `name` stays the logical id.
 */
export function translate(resources: readonly CfnResource[], prefix = ''): ModelResource[] {
  const out = resources.map((r) => {
    const spec = TYPES[r.type];
    const attributes = newObject();
    const props: Props = { get: (path) => at(r.properties, path) };
    if (!spec) {
      for (const [k, v] of Object.entries(r.properties)) attributes[k] = v;
    } else {
      for (const [attr, from] of spec.fields) {
        const v = typeof from === 'string' ? props.get(from) : from(props);
        if (v !== undefined) attributes[attr] = v;
      }
    }
    const ipv6Block = r.type === 'AWS::EC2::VPCCidrBlock' && ['ipv6_cidr_block', 'assign_generated_ipv6_cidr_block', 'ipv6_ipam_pool_id', 'ipv6_pool'].some((k) => attributes[k] !== undefined && attributes[k] !== false);
    const type =
      r.type === 'AWS::EC2::VPCGatewayAttachment' && attributes['vpn_gateway_id'] !== undefined ? 'aws_vpn_gateway_attachment' : ipv6Block ? 'aws_vpc_ipv6_cidr_block_association' : (spec?.type ?? r.type);
    const m: ModelResource = {
      address: r.logicalId,
      mode: 'managed',
      type,
      nativeType: r.type,
      ...(r.cdkPath ? { constructPath: r.cdkPath } : {}),
      ...(r.waivers?.length ? { waivers: r.waivers } : {}),
      name: r.logicalId,
      provider: 'aws',
      module: '',
      span: r.span,
      callers: [],
      attributes,
      sources: NO_SOURCES,
      ...(r.condition ? { expansion: r.condition } : {}),
    };
    m.sources = translatedSources(spec, r.sources, m);
    if (!spec?.parts) return [m];
    const self = new Unknown(`${r.logicalId} is known only after deployment`, r.span, r.logicalId);
    return [m, ...spec.parts(props, self).map((part) => partResource(r, m, part))];
  }).flat();
  if (prefix) {
    const fix = (v: Value): Value => {
      if (v instanceof Unknown) return v.ref ? new Unknown(v.reason, v.at, addressOfRef(v.ref, prefix)) : v;
      if (Array.isArray(v)) return v.map(fix);
      if (v instanceof TfSet) return new TfSet(v.items.map(fix));
      if (isObject(v)) return newObject(Object.entries(v).map(([k, x]) => [k, fix(x)]));
      return v;
    };
    for (const m of out) {
      m.address = prefix + m.address;
      if (m.partOf !== undefined) m.partOf = prefix + m.partOf;
      m.attributes = fix(m.attributes) as ObjectValue;
    }
  }
  return out;
}

/** The resource a part stands for: beside its template resource, named by the entry's path, at the entry. */
function partResource(r: CfnResource, parent: ModelResource, part: Part): ModelResource {
  const span = r.sources.get(part.at) ?? r.span;
  const attributes = newObject();
  for (const [attr, v] of part.fields) if (v !== undefined) attributes[attr] = v;
  // The template resource's waivers stay its own (said once, used once); its logical id is the one
  // CloudFormation and the CDK know (`name`).
  const { waivers: _waivers, ...rest } = parent;
  return {
    ...rest,
    address: r.logicalId + part.suffix,
    nativeType: `${r.type}.${part.at.replace(/\[\d+\]$/, '')}`,
    partOf: r.logicalId,
    type: part.type,
    span,
    attributes,
    sources: new SourcesOnRead((set) => {
      for (const [attr, v, from] of part.fields) {
        const s = v === undefined ? undefined : r.sources.get(from ?? part.at);
        if (s) set(attr, s);
      }
      for (const [attr, from] of part.places ?? []) {
        const s = r.sources.get(from);
        if (s) set(attr, s);
      }
    }),
  };
}

/** Stands for a resource's index until translatedSources replaces it. */
const NO_SOURCES: Map<string, Span> = new Map();

/**
 * A translated resource's index, read from the template's index when first asked: each attribute
 * at the place of the property it comes from. It keeps the template's index and the resource
 * itself (whose attributes, prefixed or not, have the same shape), not the template's resource and
 * its properties.
 */
function translatedSources(spec: Spec | undefined, index: Map<string, Span>, m: ModelResource): SourcesOnRead {
  return new SourcesOnRead((set) => {
    if (!spec) {
      for (const [k, s] of index) set(k, s);
      return;
    }
    for (const [attr, from, pathOf] of spec.fields) {
      const sourcePath = typeof pathOf === 'function' ? pathOf(m) : pathOf;
      const v = m.attributes[attr];
      if (v === undefined) continue;
      const src = index.get(sourcePath ?? (typeof from === 'string' ? from : '')) ?? index.get((sourcePath ?? '').split(/[.[]/)[0]!);
      if (src) set(attr, src);
      // Nested rule blocks keep their own places: "ingress[1]" → "SecurityGroupIngress[1]", and
      // their addresses theirs: "ingress[1].cidr_blocks" → "SecurityGroupIngress[1].CidrIp".
      if (sourcePath && Array.isArray(v)) v.forEach((_, i) => {
        const s = index.get(`${sourcePath}[${i}]`);
        if (s) set(`${attr}[${i}]`, s);
        for (const [key, prop] of RULE_ADDRESSES) {
          const p = index.get(`${sourcePath}[${i}].${prop}`);
          if (p) set(`${attr}[${i}].${key}`, p);
        }
      });
    }
  });
}

/** The address arguments of an inline security group rule and the properties they come from. */
const RULE_ADDRESSES: ReadonlyArray<[string, string]> = [
  ['cidr_blocks', 'CidrIp'],
  ['ipv6_cidr_blocks', 'CidrIpv6'],
];

/** A property by path ("PortRange.From", "NetworkInterfaces[0].SubnetId"). */
function at(o: ObjectValue, path: string): Value | undefined {
  // Most paths name one property: read it without splitting (the result is the same).
  if (path !== '' && !path.includes('.') && !path.includes('[')) return o[path];
  let v: Value | undefined = o;
  for (const part of path.split('.')) {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(part);
    if (!m) return undefined;
    if (v instanceof Unknown) return v;
    if (!v || !isObject(v)) return undefined;
    v = v[m[1]!];
    if (m[2] !== undefined) {
      if (v instanceof Unknown) return v;
      v = listOf(v)[Number(m[2])];
    }
  }
  return v;
}

/**
 * LoadBalancerAttributes as the provider's access_logs block: `access_logs.s3.enabled` ("true" or
 * "false", as CloudFormation writes attribute values) and `access_logs.s3.bucket`. Absent when the
 * template sets neither; the whole list unknown when it is.
 */
function accessLogs(attrs: Value | undefined): Value | undefined {
  if (attrs === undefined) return undefined;
  if (attrs instanceof Unknown) return attrs;
  const get = (key: string): Value | undefined => {
    const item = listOf(attrs).find((a) => field(a, 'Key') === key);
    return item === undefined ? undefined : (field(item, 'Value') ?? null);
  };
  const enabled = get('access_logs.s3.enabled');
  const bucket = get('access_logs.s3.bucket');
  if (enabled === undefined && bucket === undefined) return undefined;
  return [newObject([['enabled', typeof enabled === 'string' ? enabled.toLowerCase() === 'true' : (enabled ?? false)], ['bucket', bucket ?? null]])];
}

/**
 * One entry of a `[{Key, Value}]` attribute list (TargetGroupAttributes): its value, absent when not
 * set; unknown when the list is, or when no entry names the key but one's key is not known (it may
 * be this one).
 */
function attribute(attrs: Value | undefined, key: string): Value | undefined {
  if (attrs === undefined || attrs instanceof Unknown) return attrs;
  const items = listOf(attrs);
  const item = items.find((a) => field(a, 'Key') === key);
  if (item !== undefined) return field(item, 'Value') ?? null;
  const unknownKey = items.map((a) => field(a, 'Key')).find((k): k is Unknown => k instanceof Unknown);
  return unknownKey;
}

/**
 * A Classic Load Balancer's policies as the provider's resources, for tls-minimum-version: each
 * entry of Policies an aws_load_balancer_policy (its Attributes the policy_attribute blocks), and
 * each association of policies with a listener port an aws_load_balancer_listener_policy — a
 * listener's PolicyNames, or a policy's LoadBalancerPorts. Policies, ports or names not known
 * before deployment stay not known: the listener's policy may then be any.
 */
function classicPolicies(p: Props, self: Unknown): Part[] {
  const out: Part[] = [];
  const listenerPolicy = (suffix: string, at: string, port: Value, portAt: string, names: Value, namesAt: string): Part => ({
    suffix,
    type: 'aws_load_balancer_listener_policy',
    at,
    fields: [
      ['load_balancer_name', self],
      ['load_balancer_port', port, portAt],
      ['policy_names', names, namesAt],
    ],
  });
  const policies = p.get('Policies');
  if (policies instanceof Unknown) out.push(listenerPolicy('.Policies', 'Policies', policies, 'Policies', policies, 'Policies'));
  else
    listOf(policies).forEach((x, i) => {
      const at = `Policies[${i}]`;
      const attrs = field(x, 'Attributes');
      out.push({
        suffix: `.${at}`,
        type: 'aws_load_balancer_policy',
        at,
        fields: [
          ['load_balancer_name', self],
          ['policy_name', field(x, 'PolicyName') ?? null, `${at}.PolicyName`],
          ['policy_type_name', field(x, 'PolicyType') ?? null, `${at}.PolicyType`],
          ['policy_attribute', eachOf(attrs ?? [], (a) => newObject([['name', field(a, 'Name') ?? null], ['value', field(a, 'Value') ?? null]])), `${at}.Attributes`],
        ],
        places: listOf(attrs).flatMap((_, k): Array<[string, string]> => [
          [`policy_attribute[${k}]`, `${at}.Attributes[${k}]`],
          [`policy_attribute[${k}].value`, `${at}.Attributes[${k}].Value`],
        ]),
      });
      const ports = field(x, 'LoadBalancerPorts');
      const name = field(x, 'PolicyName') ?? null;
      if (ports instanceof Unknown) out.push(listenerPolicy(`.${at}.LoadBalancerPorts`, `${at}.LoadBalancerPorts`, ports, `${at}.LoadBalancerPorts`, [name], `${at}.PolicyName`));
      else listOf(ports).forEach((port, k) => out.push(listenerPolicy(`.${at}.LoadBalancerPorts[${k}]`, `${at}.LoadBalancerPorts[${k}]`, port, `${at}.LoadBalancerPorts[${k}]`, [name], `${at}.PolicyName`)));
    });
  const listeners = p.get('Listeners');
  if (!(listeners instanceof Unknown))
    listOf(listeners).forEach((l, j) => {
      const names = field(l, 'PolicyNames');
      if (names === undefined) return;
      const at = `Listeners[${j}]`;
      out.push(listenerPolicy(`.${at}.PolicyNames`, `${at}.PolicyNames`, field(l, 'LoadBalancerPort') ?? null, `${at}.LoadBalancerPort`, names, `${at}.PolicyNames`));
    });
  return out;
}

/** MetadataOptions (of an instance, a launch template's data, a launch configuration) as the provider's metadata_options block. */
function metadataOptions(p: Props, path: string): Value | undefined {
  const o = p.get(path);
  if (o === undefined || o instanceof Unknown) return o;
  return [newObject([['http_tokens', p.get(`${path}.HttpTokens`) ?? null], ['http_endpoint', p.get(`${path}.HttpEndpoint`) ?? null]])];
}

/** A launch template specification ({LaunchTemplateId, LaunchTemplateName, Version}) as a block with the provider's names for id and name. */
function templateSpec(p: Props, path: string, [id, name]: [string, string]): Value | undefined {
  const s = p.get(path);
  if (s === undefined || s instanceof Unknown) return s;
  return [newObject([[id, p.get(`${path}.LaunchTemplateId`) ?? null], [name, p.get(`${path}.LaunchTemplateName`) ?? null], ['version', p.get(`${path}.Version`) ?? null]])];
}

/** SSM targets ([{Key, Values}]) as the provider's targets blocks. */
function targetsOf(v: Value | undefined): Value | undefined {
  if (v === undefined || v instanceof Unknown) return v;
  return listOf(v).map((t) => newObject([['key', field(t, 'Key') ?? null], ['values', field(t, 'Values') ?? null]]));
}

/** The entry of device index 0 (text or number), else the first: an instance's primary interface. */
function deviceZero(list: readonly Value[], key: string): number {
  const i = list.findIndex((n) => {
    const v = field(n, key);
    return (typeof v === 'string' || typeof v === 'number') && String(v) === '0';
  });
  return i < 0 ? 0 : i;
}

/** An instance's Volumes as attachments of its own; a list not known as one attachment of a volume not known. */
function volumesOf(v: Value | undefined, self: Unknown): Part[] {
  const attachment = (suffix: string, at: string, id: Value, device: Value): Part => ({
    suffix,
    type: 'aws_volume_attachment',
    at,
    fields: [
      ['instance_id', self],
      ['volume_id', id, at === 'Volumes' ? 'Volumes' : `${at}.VolumeId`],
      ['device_name', device, at === 'Volumes' ? 'Volumes' : `${at}.Device`],
    ],
  });
  if (v instanceof Unknown) return [attachment('.Volumes', 'Volumes', v, v)];
  // An entry that is no mapping (a list parameter's text) is placed at the property itself.
  return listOf(v).map((x, i) => attachment(`.Volumes[${i}]`, isObject(x) || x instanceof Unknown ? `Volumes[${i}]` : 'Volumes', field(x, 'VolumeId') ?? null, field(x, 'Device') ?? null));
}

/** The index of the instance's primary interface among NetworkInterfaces. */
function primaryIndex(p: Props): number {
  return deviceZero(listOf(p.get('NetworkInterfaces')), 'DeviceIndex');
}

/** The same index, from the translated resource's network_interface blocks (which keep the order). */
function primaryBlock(m: ModelResource): number {
  return deviceZero(listOf(m.attributes['network_interface']), 'device_index');
}

/**
 * Where a setting of the instance is written: inside its primary interface when it has
 * NetworkInterfaces (CloudFormation then refuses the instance's own SubnetId, groups and address).
 */
function primaryPath(own: string, inInterface: string): (m: ModelResource) => string {
  return (m) => {
    const list = m.attributes['network_interface'];
    return list instanceof Unknown ? 'NetworkInterfaces' : Array.isArray(list) ? `NetworkInterfaces[${primaryBlock(m)}].${inInterface}` : own;
  };
}

/**
 * A property of the primary interface written inline (none when it is named by NetworkInterfaceId).
 * Interfaces not known before deployment (an Fn::If on a condition that compares the region), or a
 * primary entry not known, may hold any primary interface: its subnet, groups and addresses, IPv6
 * ones included, are then that Unknown, never absent, which would read as an instance launched into
 * a default subnet with the VPC's default group and no IPv6 address.
 */
function primary(p: Props, key: string): Value | undefined {
  const list = p.get('NetworkInterfaces');
  if (list instanceof Unknown) return list;
  const n = listOf(list)[primaryIndex(p)];
  if (n instanceof Unknown) return n;
  return n === undefined || field(n, 'NetworkInterfaceId') !== undefined ? undefined : field(n, key);
}

/** An object property as the provider's one nested block of `fields` (block key, property key); absent stays absent, one not known stays not known. */
function blockOf(p: Props, key: string, fields: ReadonlyArray<readonly [string, string]>): Value | undefined {
  const c = p.get(key);
  return c === undefined || c instanceof Unknown ? c : [newObject(fields.map(([k, from]) => [k, p.get(`${key}.${from}`) ?? null]))];
}

/** Each entry of a list property mapped; absent stays absent, a list not known stays not known. */
function eachOf(v: Value | undefined, f: (x: Value) => Value): Value | undefined {
  if (v === undefined || v instanceof Unknown) return v;
  return listOf(v).map(f);
}

/** Listener actions as the provider's action blocks: a target group, or weighted ones (`forward`). */
function actionsOf(v: Value | undefined): Value | undefined {
  return eachOf(v, (a) => {
    const fc = field(a, 'ForwardConfig');
    const groups = fc === undefined || fc instanceof Unknown ? undefined : field(fc, 'TargetGroups');
    const forward = fc === undefined ? [] : fc instanceof Unknown ? fc : [newObject([['target_group', groups instanceof Unknown ? groups : listOf(groups).map((t) => newObject([['arn', field(t, 'TargetGroupArn') ?? null]]))]])];
    return newObject([['type', lower(field(a, 'Type')) ?? null], ['target_group_arn', field(a, 'TargetGroupArn') ?? null], ['forward', forward]]);
  });
}

function field(v: Value, key: string): Value | undefined {
  return isObject(v) ? v[key] : v instanceof Unknown ? v : undefined;
}

function listOf(v: Value | undefined): Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof TfSet) return v.items;
  return [];
}

function one(v: Value | undefined): Value {
  return v === undefined || v === null ? [] : [v];
}

function lower(v: Value | undefined): Value | undefined {
  return typeof v === 'string' ? v.toLowerCase() : v;
}

/** IpProtocol / Protocol: "-1", names, or numbers (NetworkAclEntry writes 6, 17, -1). */
function protocolOf(v: Value | undefined): Value | undefined {
  if (typeof v === 'number') return String(v);
  return v;
}

/** A launch template's own tags, from the TagSpecifications entry for `launch-template`; a list not known is not known. */
function templateTags(v: Value | undefined): Value | undefined {
  if (v === undefined || v instanceof Unknown) return v;
  const own = listOf(v).find((t) => field(t, 'ResourceType') === 'launch-template');
  return own === undefined ? undefined : tagsOf(field(own, 'Tags'));
}

/**
 * An Auto Scaling group's Tags as the provider's `tag` blocks. An entry, or an entry's Key, not known
 * before deployment may set any tag, a zone's among them: the list as a whole is then not known.
 */
function tagBlocksOf(v: Value | undefined): Value | undefined {
  if (v === undefined || v instanceof Unknown) return v;
  const out: Value[] = [];
  for (const t of listOf(v)) {
    const k = field(t, 'Key');
    if (k instanceof Unknown) return k;
    out.push(newObject([['key', k ?? null], ['value', field(t, 'Value') ?? null], ['propagate_at_launch', field(t, 'PropagateAtLaunch') ?? null]]));
  }
  return out;
}

/**
 * CloudFormation's Tags list as the provider's tags map. An entry, or an entry's Key, not known
 * before deployment (an Fn::If on a condition that compares the region) may set any tag, a zone's
 * among them: the map as a whole is then not known, never the known entries alone.
 */
function tagsOf(v: Value | undefined): Value | undefined {
  if (v === undefined || v instanceof Unknown) return v;
  const out = newObject();
  for (const t of listOf(v)) {
    const k = field(t, 'Key');
    if (k instanceof Unknown) return k;
    const val = field(t, 'Value');
    if (typeof k === 'string') out[k] = val ?? null;
  }
  return out;
}
