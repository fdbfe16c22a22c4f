/**
 * IPv4 and IPv6 prefixes as big integers: the arithmetic behind Terraform's cidrsubnet /
 * cidrhost and CloudFormation's Fn::Cidr.
 */

export interface Prefix {
  /** 32 for IPv4, 128 for IPv6. */
  width: 32 | 128;
  /** The network address (host bits cleared). */
  address: bigint;
  /** Prefix length. */
  length: number;
}

export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let address = 0n;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) return undefined;
    address = (address << 8n) | BigInt(octet);
  }
  return address;
}

export function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let address = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    address = (address << 16n) | BigInt(Number.parseInt(group, 16));
  }
  return address;
}

/** `10.0.0.0/16` or `2001:db8::/56` → its prefix, host bits cleared; undefined when not a CIDR block. */
export function parseCidr(text: string): Prefix | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const lengthText = text.slice(slash + 1);
  const length = Number(lengthText);
  if (!/^\d{1,3}$/.test(lengthText)) return undefined;
  const addressText = text.slice(0, slash);
  const ipv4 = parseIpv4(addressText);
  const address = ipv4 ?? parseIpv6(addressText);
  const width = ipv4 !== undefined ? 32 : 128;
  if (address === undefined || length > width) return undefined;
  const hostBits = BigInt(width - length);
  return { width, address: (address >> hostBits) << hostBits, length };
}

/** Dotted quad, or RFC 5952 IPv6 (lower case, the longest run of two or more zero groups as `::`). */
export function formatAddress(address: bigint, width: 32 | 128): string {
  if (width === 32) return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 255n)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((address >> BigInt(112 - i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
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
