/**
 * Fn::Cidr with known inputs: `count` consecutive blocks of `cidrBits` host bits each, carved
 * from the start of `ipBlock` (IPv4 and IPv6), as CloudFormation computes them.
 */
import { formatAddress, parseCidr } from "../../util/ip.js";

/** The CIDR blocks, or undefined when the inputs are not a valid Fn::Cidr call. */
export function cidrBlocks(ipBlock: string, count: number, cidrBits: number): string[] | undefined {
  const block = parseCidr(ipBlock);
  if (!block || !Number.isInteger(count) || !Number.isInteger(cidrBits)) return undefined;
  const prefix = block.width - cidrBits;
  if (count < 1 || count > 256 || cidrBits < 1 || prefix < block.length) return undefined;
  if (BigInt(count) > 1n << BigInt(prefix - block.length)) return undefined;
  const step = 1n << BigInt(cidrBits);
  const blocks: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    blocks.push(`${formatAddress(block.address + i * step, block.width)}/${prefix}`);
  }
  return blocks;
}
