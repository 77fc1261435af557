/**
 * Which resource types are EC2 instances. `aws_spot_instance_request` takes every argument of
 * `aws_instance` (subnet, groups, addresses, interfaces, volumes, profile, metadata options) and,
 * once fulfilled, is an instance launched with them: the graph, zone membership and the rules read it
 * as one. A request that is never fulfilled leaves paths that do not exist, which is the safe side
 * of the analysis. CloudFormation's instances translate to `aws_instance`.
 */
export const INSTANCE_TYPES: readonly string[] = ['aws_instance', 'aws_spot_instance_request'];

const instanceTypes: ReadonlySet<string> = new Set(INSTANCE_TYPES);

export function isInstance(type: string): boolean {
  return instanceTypes.has(type);
}
