/**
 * The loaders' common output: resources with their evaluated attributes and exact sources, plus the
 * variables and outputs that explain where values came from. Vendor-neutral in shape; the type
 * names are the vendor's own (aws_security_group, AWS::EC2::SecurityGroup, …).
 */
import type { Span } from './source.js';
import type { ObjectValue, Unknown, Value } from './value.js';

export interface ModelResource {
  /** Terraform address, e.g. module.net.aws_subnet.zone["dispatch"]. */
  address: string;
  mode: 'managed' | 'data';
  type: string;
  /** The input format's own type when the loader translated it (AWS::EC2::Subnet for an aws_subnet from CloudFormation). */
  nativeType?: string;
  /** The AWS CDK construct path (aws:cdk:path metadata) of a resource synthesised by the CDK. */
  constructPath?: string;
  /**
   * The template resource this one is an entry of (CloudFormation: a target group's target, an
   * instance's further interface), when the translation made a list entry a resource of its own.
   * Settings such as tags cannot be written on it.
   */
  partOf?: string;
  /** Waivers written on the resource itself (CloudFormation Metadata.gridfence.ignore). */
  waivers?: Array<{ rule: string; reason: string; expires?: string; span: Span }>;
  name: string;
  /** Provider configuration address, e.g. "aws" or "aws.tokyo". */
  provider: string;
  /** Address of the module instance holding it ("" for the root module). */
  module: string;
  /** The resource block. */
  span: Span;
  /** The module blocks that led here, outermost first (empty in the root module). */
  callers: Span[];
  /** Evaluated arguments and nested blocks (blocks are lists of objects). */
  attributes: ObjectValue;
  /**
   * Source of each attribute and nested block by path: "cidr_block", "ingress[0]",
   * "ingress[0].cidr_blocks". Attributes produced by a dynamic block point into its content.
   */
  sources: Map<string, Span>;
  /** Set when count/for_each could not be known: this stands for an unknown number of instances. */
  expansion?: Unknown;
  /**
   * Attributes a plan marks known only after apply that the configuration does not write: values the
   * provider computes (an instance's IPv6 addresses in an IPv4 system), not settings of the system.
   */
  computed?: ReadonlySet<string>;
}

export interface ModelVariable {
  /** var.NAME within its module instance, e.g. module.net.var.cidr. */
  address: string;
  value: Value;
  /** Where the value came from: "default", "terraform.tfvars", "--var", "module call", "unset". */
  origin: string;
  span: Span;
}

export interface ModelOutput {
  address: string;
  value: Value;
  span: Span;
}

export interface TerraformModel {
  /** Root module directories evaluated, relative to the working directory. */
  roots: string[];
  resources: ModelResource[];
  variables: ModelVariable[];
  outputs: ModelOutput[];
}
