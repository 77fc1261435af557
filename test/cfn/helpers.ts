/** Shared helpers of the CloudFormation reader's tests: load a template from text, read values. */
import { SourceFile, toLocation } from '../../src/model/source.js';
import { loadTemplate, type CfnResource, type TemplateLoad } from '../../src/loaders/cfn/template.js';
import { toJSON, type Value } from '../../src/model/value.js';

export function load(text: string, parameters: Record<string, string> = {}, path = 'template.yaml'): TemplateLoad {
  return loadTemplate(new SourceFile(path, text), parameters);
}

export function resource(t: TemplateLoad, id: string): CfnResource {
  const r = t.resources.find((x) => x.logicalId === id);
  if (!r) throw new Error(`no resource ${id}`);
  return r;
}

/** The properties of resource R of a YAML template whose Resources hold `body` (indented under R). */
export function props(head: string, body: string, parameters: Record<string, string> = {}): { values: Record<string, unknown>; load: TemplateLoad; raw: Record<string, Value> } {
  const text = `${head}\nResources:\n  Other:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n  R:\n    Type: AWS::EC2::Subnet\n    Properties:\n${body.replace(/^/gm, '      ')}\n`;
  const l = load(text, parameters);
  const raw = resource(l, 'R').properties;
  return { values: toJSON(raw) as Record<string, unknown>, load: l, raw };
}

/** "line:column" of a problem, for short assertions. */
export function problemsAt(t: TemplateLoad): string[] {
  return t.problems.map((p) => `${p.severity} ${p.location?.line}:${p.location?.column} ${p.message}`);
}

export function where(r: CfnResource, path: string): string {
  const s = r.sources.get(path);
  if (!s) return 'none';
  const l = toLocation(s);
  return `${l.line}:${l.column}-${l.endLine}:${l.endColumn}`;
}
