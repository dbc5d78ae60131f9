/*
 * The coverage check every construct's props share: each rule of the
 * constraints fixture that a prop reaches (a PROP_PATHS table x rulesAt)
 * has a failing case, which fails at synth naming the prop and the rule, or
 * a written exclusion.
 */
import { App, Stack, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { propPaths, requestTable, ResourceKindEntry } from '../../src/contract/kind';
import { RESOURCE_KINDS, ResourceKindName } from '../../src/contract/registry';
import { Rule, rulesAt } from '../../src/contract/validation';

export const ENV = { account: '123456789012', region: 'us-east-1' };

/** One PROP_PATHS table: the request its paths are in, and a prefix for its rule ids (none: `prop:kind`). */
export interface PropTable {
  readonly request: string;
  readonly paths: Readonly<Record<string, string>>;
  readonly prefix?: string;
}

/** The table of a kind's descriptor for `shape` (its first request when omitted). */
export function kindTable(kind: ResourceKindName, shape?: string, prefix?: string): PropTable {
  const entry: ResourceKindEntry = RESOURCE_KINDS[kind];
  const table = requestTable(entry, shape ?? entry.requests![0].shape);
  return { request: table.shape, paths: propPaths(table), prefix };
}

/** `[prefix:]prop:kind` → the rule, for every rule the tables' props reach. */
export function reachableRules(...tables: readonly PropTable[]): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  for (const { request, paths, prefix } of tables) {
    for (const [prop, path] of Object.entries(paths)) {
      for (const rule of rulesAt(request, path)) rules.set(`${prefix ? `${prefix}:` : ''}${prop}:${rule.kind}`, rule);
    }
  }
  return rules;
}

/** The bound of a reachable length rule, and a string one character over it. */
export function lengthRules(rules: () => Map<string, Rule>) {
  const bound = (id: string): number => {
    const rule = rules().get(id);
    if (!rule || (rule.kind !== 'length.min' && rule.kind !== 'length.max')) throw new Error(`${id} is not a reachable length rule`);
    return rule.bound;
  };
  return { bound, tooLong: (id: string, char = 'a') => char.repeat(bound(id) + 1) };
}

/** `n` tags k0=v, k1=v, ... */
export const tags = (n: number): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

/** What breaks one rule: a construct made in its own stack, and the label its error line starts with. */
export interface FailingCase {
  readonly label: string;
  readonly make: (stack: Stack) => void;
}

/** A construct made in a stack with one prop set to `value`. */
type MakeWith<T> = (value: T) => (stack: Stack) => void;

/** The prop of a rule id `[prefix:]prop`: how errors name it. */
const propOf = (id: string): string => id.split(':').at(-1)!;

/**
 * The cases of a name prop (Bedrock's names share their rules): empty, one
 * character too long, a space and a `!`. `id` is `[prefix:]prop`. Bounds are
 * read when a case runs, so that a bound missing from the fixture fails that
 * case, not the file.
 */
export function nameCases(id: string, withName: MakeWith<string>, rules: () => Map<string, Rule>): Record<string, FailingCase> {
  const { tooLong } = lengthRules(rules);
  const label = propOf(id);
  return {
    [`${id}:length.min`]: { label, make: withName('') },
    [`${id}:length.max`]: { label, make: (stack) => withName(tooLong(`${id}:length.max`))(stack) },
    [`${id}:pattern`]: { label, make: withName('bad name!') },
  };
}

/**
 * The cases and exclusions of a tags prop, a map sent as Bedrock's TagList:
 * the same rules wherever it is. `id` is `[prefix:]prop`; bounds are read as
 * in nameCases.
 */
export function tagMapCoverage(id: string, withTags: MakeWith<Record<string, string>>, rules: () => Map<string, Rule>) {
  const { bound, tooLong } = lengthRules(rules);
  const prop = propOf(id);
  const typed = `${prop} is a map: every tag has a key and a value`;
  const failing: Record<string, FailingCase> = {
    [`${id}:length.max`]: { label: prop, make: (stack) => withTags(tags(bound(`${id}:length.max`) + 1))(stack) },
    [`${id}.key:length.min`]: { label: `${prop} key ""`, make: withTags({ '': 'v' }) },
    [`${id}.key:length.max`]: { label: `${prop} key`, make: (stack) => withTags({ [tooLong(`${id}.key:length.max`, 'k')]: 'v' })(stack) },
    [`${id}.key:pattern`]: { label: `${prop} key "team#1"`, make: withTags({ 'team#1': 'v' }) },
    [`${id}.value:length.max`]: { label: `${prop}["k"]`, make: (stack) => withTags({ k: tooLong(`${id}.value:length.max`, 'v') })(stack) },
    [`${id}.value:pattern`]: { label: `${prop}["k"]`, make: withTags({ k: 'ml#1' }) },
  };
  const exclusions: Record<string, string> = {
    [`${id}:length.min`]: 'min 0 items cannot be violated',
    [`${id}.key:required`]: typed,
    [`${id}.value:required`]: typed,
    [`${id}.value:length.min`]: 'min 0 characters cannot be violated',
  };
  return { failing, exclusions };
}

/** The network props of a job in a VPC (vpc, vpcSubnets, securityGroups). */
export interface NetworkProps {
  readonly vpc: ec2.IVpc;
  readonly vpcSubnets?: ec2.SubnetSelection;
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/**
 * The cases and exclusions of a job's network props, sent as the API's
 * VpcConfig: the same rules for every job that runs in a VPC. Bounds are read
 * as in nameCases.
 */
export function networkCoverage(withNetwork: MakeWith<NetworkProps>, rules: () => Map<string, Rule>) {
  const { bound, tooLong } = lengthRules(rules);
  const vpcOf = (stack: Stack) => ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-1'] });
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  const subnets = (stack: Stack, names: string[]) => ({ subnets: names.map((id, i) => ec2.Subnet.fromSubnetId(stack, `Subnet${i}`, id)) });
  const groups = (stack: Stack, names: string[]) => names.map((id, i) => ec2.SecurityGroup.fromSecurityGroupId(stack, `Group${i}`, id));
  const make = (network: (stack: Stack) => Omit<NetworkProps, 'vpc'>) => (stack: Stack) => withNetwork({ vpc: vpcOf(stack), ...network(stack) })(stack);
  const failing: Record<string, FailingCase> = {
    'vpcSubnets:length.min': { label: 'vpcSubnets', make: make(() => ({ vpcSubnets: { subnets: [] } })) },
    'vpcSubnets:length.max': { label: 'vpcSubnets', make: make((st) => ({ vpcSubnets: subnets(st, ids('subnet', bound('vpcSubnets:length.max') + 1)) })) },
    'vpcSubnets[]:length.max': {
      label: 'vpcSubnets[0]',
      make: make((st) => ({ vpcSubnets: subnets(st, [`subnet-${tooLong('vpcSubnets[]:length.max').slice('subnet-'.length)}`]) })),
    },
    'vpcSubnets[]:pattern': { label: 'vpcSubnets[0]', make: make((st) => ({ vpcSubnets: subnets(st, ['subnet_1']) })) },
    'securityGroups:length.min': { label: 'securityGroups', make: make(() => ({ securityGroups: [] })) },
    'securityGroups:length.max': { label: 'securityGroups', make: make((st) => ({ securityGroups: groups(st, ids('sg', bound('securityGroups:length.max') + 1)) })) },
    'securityGroups[]:length.max': {
      label: 'securityGroups[0]',
      make: make((st) => ({ securityGroups: groups(st, [`sg-${tooLong('securityGroups[]:length.max').slice('sg-'.length)}`]) })),
    },
    'securityGroups[]:pattern': { label: 'securityGroups[0]', make: make((st) => ({ securityGroups: groups(st, ['sg_1']) })) },
  };
  const exclusions: Record<string, string> = {
    'vpcSubnets:required': 'the construct sends vpcConfig only with vpc, and then always with the subnet ids of vpc.selectSubnets(vpcSubnets), a list',
    'securityGroups:required': 'the construct sends vpcConfig only with vpc, and then always with security groups: the given ones, or one it creates',
  };
  return { failing, exclusions };
}

const MESSAGES: Record<string, RegExp> = {
  'length.min': / must (be|have) at least /,
  'length.max': / must (be|have) at most /,
  'pattern': / must match the pattern /,
  'range.min': / must be at least /,
  'enum': / must be one of /,
};

/** The coverage tests: every reachable rule is covered and no entry is stale; every failing case fails as it should. */
export function describeRuleCoverage(rules: () => Map<string, Rule>, failing: Record<string, FailingCase>, exclusions: Record<string, string>): void {
  describe('every reachable rule', () => {
    test('has a failing case or an exclusion, and no entry is stale', () => {
      expect([...Object.keys(failing), ...Object.keys(exclusions)].sort()).toEqual([...rules().keys()].sort());
    });

    test.each(Object.entries(failing))('%s fails at synth, naming the prop and the rule', (id, { label, make }) => {
      const stack = new Stack(new App(), 'S', { env: ENV });
      const kind = id.split(':').at(-1)!;
      let message = '';
      try {
        make(stack);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(new RegExp(`^ {2}${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*${MESSAGES[kind].source}`, 'm'));
    });
  });
}
