/*
 * Region facts both emulators need, from aws-cdk-lib's region table; an
 * unknown region is taken to be in the commercial partition.
 */
import { RegionInfo } from 'aws-cdk-lib/region-info';

export function partitionOf(region: string): string {
  return RegionInfo.get(region).partition ?? 'aws';
}

export function urlSuffixOf(region: string): string {
  return RegionInfo.get(region).domainSuffix ?? 'amazonaws.com';
}
