/**
 * Fn::Cidr with known inputs: `count` consecutive blocks of `cidrBits` host bits each, carved
 * from the start of `ipBlock` (IPv4 and IPv6), as CloudFormation computes them.
 */

interface Block {
  version: 4 | 6;
  address: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/** The CIDR blocks, or undefined when the inputs are not a valid Fn::Cidr call. */
export function cidrBlocks(ipBlock: string, count: number, cidrBits: number): string[] | undefined {
  const block = parseBlock(ipBlock);
  if (!block || !Number.isInteger(count) || !Number.isInteger(cidrBits)) return undefined;
  const width = BITS[block.version];
  const prefix = width - cidrBits;
  if (count < 1 || count > 256 || cidrBits < 1 || prefix < block.prefix) return undefined;
  if (BigInt(count) > 1n << BigInt(prefix - block.prefix)) return undefined;
  const network = block.address & mask(block.prefix, width);
  const step = 1n << BigInt(cidrBits);
  const blocks: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    blocks.push(`${formatAddress(network + i * step, block.version)}/${prefix}`);
  }
  return blocks;
}

function mask(prefix: number, width: number): bigint {
  const all = (1n << BigInt(width)) - 1n;
  return all ^ ((1n << BigInt(width - prefix)) - 1n);
}

function parseBlock(text: string): Block | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const prefixText = text.slice(slash + 1);
  const prefix = Number(prefixText);
  if (prefixText === "" || !Number.isInteger(prefix)) return undefined;
  const addressText = text.slice(0, slash);
  const v4 = parseIpv4(addressText);
  if (v4 !== undefined) return prefix >= 0 && prefix <= 32 ? { version: 4, address: v4, prefix } : undefined;
  const v6 = parseIpv6(addressText);
  if (v6 !== undefined) return prefix >= 0 && prefix <= 128 ? { version: 6, address: v6, prefix } : undefined;
  return undefined;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let address = 0n;
  for (const part of parts) {
    const octet = Number(part);
    if (part === "" || part.length > 3 || !Number.isInteger(octet) || octet < 0 || octet > 255) return undefined;
    address = (address << 8n) | BigInt(octet);
  }
  return address;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] === "" ? [] : halves[0]!.split(":");
  const tail = halves.length === 2 && halves[1] !== "" ? halves[1]!.split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let address = 0n;
  for (const group of groups) {
    if (group.length < 1 || group.length > 4 || !/^[0-9a-fA-F]+$/.test(group)) return undefined;
    address = (address << 16n) | BigInt(Number.parseInt(group, 16));
  }
  return address;
}

function formatAddress(address: bigint, version: 4 | 6): string {
  if (version === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 255n)).join(".");
  }
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => Number((address >> shift) & 0xffffn));
  return compressIpv6(groups);
}

/** RFC 5952: lower case, the longest run (two or more) of zero groups becomes `::`. */
function compressIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}
