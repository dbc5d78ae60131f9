import { randomUUID } from 'crypto';
import { isDeepStrictEqual } from 'util';
import { randomHex, randomString } from '../random';
import { generatedName, NameRules } from './physical-names';
import { partitionOf, urlSuffixOf } from '../../shared/region';
import { StackIdentity } from '../stack/identity';
import { ResourceState } from '../stack/state';

/** What a native resource type's physical id and attributes look like. */
interface NativeType {
  /** The property holding a name the template gives; changing it replaces the resource. */
  readonly nameProperty?: string;
  /** Other properties whose change replaces the resource ("Update requires: Replacement"). */
  readonly replacedBy?: readonly string[];
  /** Limits of a generated name. */
  readonly names?: NameRules;
  /** The physical id (the Ref) from the resource's name (default: the name). */
  readonly physicalId?: (name: string, env: Env, properties: Properties) => string;
  readonly attributes: (name: string, env: Env, properties: Properties, physicalId: string) => Record<string, unknown>;
}

type Properties = Readonly<Record<string, unknown>>;

interface Env {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly urlSuffix: string;
}

/** An EC2 id: a prefix and 17 hex digits. */
const ec2Id = (prefix: string) => () => `${prefix}-${randomHex(17)}`;

const NATIVE_TYPES: Record<string, NativeType> = {
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    names: { maxLength: 64 },
    attributes: (name, e, p) => ({
      Arn: `arn:${e.partition}:iam::${e.account}:role${p.Path ?? '/'}${name}`,
      RoleId: `AROA${randomString(17)}`,
    }),
  },
  'AWS::IAM::Policy': { names: { maxLength: 128 }, attributes: (name) => ({ Id: name }) },
  'AWS::IAM::ManagedPolicy': {
    nameProperty: 'ManagedPolicyName',
    names: { maxLength: 128 },
    physicalId: (name, e, p) => `arn:${e.partition}:iam::${e.account}:policy${p.Path ?? '/'}${name}`,
    attributes: (_name, _e, _p, arn) => ({ PolicyArn: arn, PolicyId: `ANPA${randomString(17)}` }),
  },
  'AWS::Lambda::Function': {
    nameProperty: 'FunctionName',
    names: { maxLength: 64 },
    attributes: (name, e) => ({ Arn: `arn:${e.partition}:lambda:${e.region}:${e.account}:function:${name}` }),
  },
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    names: { maxLength: 63, lowercase: true },
    attributes: (name, e) => ({
      Arn: `arn:${e.partition}:s3:::${name}`,
      DomainName: `${name}.s3.${e.urlSuffix}`,
      RegionalDomainName: `${name}.s3.${e.region}.${e.urlSuffix}`,
      DualStackDomainName: `${name}.s3.dualstack.${e.region}.${e.urlSuffix}`,
      WebsiteURL: `http://${name}.s3-website-${e.region}.${e.urlSuffix}`,
    }),
  },
  'AWS::S3::BucketPolicy': { attributes: () => ({}) },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    names: { maxLength: 512 },
    attributes: (name, e) => ({ Arn: `arn:${e.partition}:logs:${e.region}:${e.account}:log-group:${name}:*` }),
  },
  'AWS::KMS::Key': {
    physicalId: () => randomUUID(),
    attributes: (_name, e, _p, keyId) => ({ Arn: `arn:${e.partition}:kms:${e.region}:${e.account}:key/${keyId}`, KeyId: keyId }),
  },
  'AWS::KMS::Alias': { nameProperty: 'AliasName', attributes: () => ({}) },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    names: { maxLength: 80 },
    physicalId: (name, e) => `https://sqs.${e.region}.${e.urlSuffix}/${e.account}/${name}`,
    attributes: (name, e, _p, url) => ({ Arn: `arn:${e.partition}:sqs:${e.region}:${e.account}:${name}`, QueueName: name, QueueUrl: url }),
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    names: { maxLength: 256 },
    physicalId: (name, e) => `arn:${e.partition}:sns:${e.region}:${e.account}:${name}`,
    attributes: (name, _e, _p, arn) => ({ TopicArn: arn, TopicName: name }),
  },
  'AWS::EC2::VPC': {
    physicalId: ec2Id('vpc'),
    attributes: (_name, _e, p, id) => ({
      VpcId: id,
      CidrBlock: p.CidrBlock,
      CidrBlockAssociations: [`vpc-cidr-assoc-${randomHex(17)}`],
      DefaultNetworkAcl: `acl-${randomHex(17)}`,
      DefaultSecurityGroup: `sg-${randomHex(17)}`,
      Ipv6CidrBlocks: [],
    }),
  },
  'AWS::EC2::Subnet': {
    physicalId: ec2Id('subnet'),
    attributes: (_name, e, p, id) => ({
      SubnetId: id,
      VpcId: p.VpcId,
      CidrBlock: p.CidrBlock,
      AvailabilityZone: p.AvailabilityZone ?? `${e.region}a`,
      NetworkAclAssociationId: `aclassoc-${randomHex(17)}`,
      Ipv6CidrBlocks: [],
    }),
  },
  'AWS::EC2::SecurityGroup': { physicalId: ec2Id('sg'), attributes: (_name, _e, p, id) => ({ GroupId: id, VpcId: p.VpcId }) },
  'AWS::EC2::InternetGateway': { physicalId: ec2Id('igw'), attributes: (_name, _e, _p, id) => ({ InternetGatewayId: id }) },
  'AWS::EC2::RouteTable': { physicalId: ec2Id('rtb'), attributes: (_name, _e, _p, id) => ({ RouteTableId: id }) },
  'AWS::EC2::NatGateway': { physicalId: ec2Id('nat'), attributes: (_name, _e, _p, id) => ({ NatGatewayId: id }) },
  'AWS::StepFunctions::StateMachine': {
    nameProperty: 'StateMachineName',
    names: { maxLength: 80 },
    physicalId: (name, e) => `arn:${e.partition}:states:${e.region}:${e.account}:stateMachine:${name}`,
    attributes: (name, _e, _p, arn) => ({ Arn: arn, Name: name, StateMachineRevisionId: arn }),
  },
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html:
  // TableName and KeySchema require replacement; StreamArn exists only with a StreamSpecification.
  'AWS::DynamoDB::Table': {
    nameProperty: 'TableName',
    replacedBy: ['KeySchema'],
    names: { maxLength: 255 },
    attributes: (name, e) => ({ Arn: `arn:${e.partition}:dynamodb:${e.region}:${e.account}:table/${name}` }),
  },
  'AWS::Events::Rule': {
    nameProperty: 'Name',
    names: { maxLength: 64 },
    attributes: (name, e, p) => ({
      Arn: `arn:${e.partition}:events:${e.region}:${e.account}:rule/${p.EventBusName && p.EventBusName !== 'default' ? `${p.EventBusName}/` : ''}${name}`,
    }),
  },
};

/** Any other type: a generated name as physical id; its attributes are made up when read (see nativeAttribute). */
const GENERIC_TYPE: NativeType = { attributes: () => ({}) };

function env(identity: StackIdentity): Env {
  return { partition: partitionOf(identity.region), region: identity.region, account: identity.accountId, urlSuffix: urlSuffixOf(identity.region) };
}

/** The physical resource a native resource's properties describe. */
export function nativeResource(identity: StackIdentity, logicalId: string, type: string, properties: Properties): ResourceState {
  const rule = NATIVE_TYPES[type] ?? GENERIC_TYPE;
  const given = rule.nameProperty ? properties[rule.nameProperty] : undefined;
  const name = typeof given === 'string' ? given : generatedName(identity.stackName, logicalId, rule.names);
  const e = env(identity);
  const physicalId = rule.physicalId ? rule.physicalId(name, e, properties) : name;
  return { logicalId, type, physicalId, properties, attributes: rule.attributes(name, e, properties, physicalId) };
}

/** Whether new properties replace a native resource (its name changes) rather than update it in place. */
export function requiresReplacement(type: string, oldProperties: Properties, newProperties: Properties): boolean {
  const rule = NATIVE_TYPES[type];
  if (rule?.nameProperty !== undefined && oldProperties[rule.nameProperty] !== newProperties[rule.nameProperty]) return true;
  return (rule?.replacedBy ?? []).some((property) => !isDeepStrictEqual(oldProperties[property], newProperties[property]));
}

/** The name the template gives a resource of a type that takes one (undefined: none, or a generated one). */
export function templateName(type: string, properties: Properties): string | undefined {
  const nameProperty = NATIVE_TYPES[type]?.nameProperty;
  const name = nameProperty ? properties[nameProperty] : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Fn::GetAtt on a native resource; undefined when a type of the table has no
 * such attribute. A type outside the table has them all: `Arn` built from the
 * type (`AWS::Service::Thing` → `arn:aws:service:<region>:<account>:thing/<id>`),
 * any other `<physical id>.<attribute>`.
 */
export function nativeAttribute(identity: StackIdentity, state: ResourceState, attribute: string): unknown {
  if (attribute in state.attributes) return state.attributes[attribute];
  if (state.type in NATIVE_TYPES) return undefined;
  if (attribute === 'Arn') {
    const [, service, resource] = state.type.split('::');
    const e = env(identity);
    return `arn:${e.partition}:${(service ?? 'unknown').toLowerCase()}:${e.region}:${e.account}:${(resource ?? 'resource').toLowerCase()}/${state.physicalId}`;
  }
  return `${state.physicalId}.${attribute}`;
}
