/** cidrsubnet and cidrhost for IPv4 and IPv6 prefixes, as Terraform computes them. */
import { EvaluationError } from "./values.js";

interface Prefix {
  /** 32 or 128. */
  width: number;
  address: bigint;
  length: number;
}

function parseIPv4(text: string): bigint | undefined {
  const octets = text.split(".");
  if (octets.length !== 4 || !octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255))
    return undefined;
  return octets.reduce((address, octet) => (address << 8n) | BigInt(Number(octet)), 0n);
}

function parseIPv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined) => (half ? half.split(":") : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  return all.reduce((address, group) => (address << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

function parsePrefix(text: string): Prefix {
  const [addressText, lengthText] = text.split("/");
  const length = Number(lengthText);
  const ipv4 = addressText !== undefined ? parseIPv4(addressText) : undefined;
  const ipv6 = ipv4 === undefined && addressText !== undefined ? parseIPv6(addressText) : undefined;
  const width = ipv4 !== undefined ? 32 : 128;
  const address = ipv4 ?? ipv6;
  if (address === undefined || !Number.isInteger(length) || length < 0 || length > width || lengthText === undefined) {
    throw new EvaluationError(`invalid CIDR address "${text}"`);
  }
  const hostBits = BigInt(width - length);
  return { width, address: (address >> hostBits) << hostBits, length };
}

function formatAddress(address: bigint, width: number): string {
  if (width === 32) return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 255n)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((address >> BigInt(112 - i * 16)) & 0xffffn));
  // RFC 5952: the longest run (two groups or more) of zero groups becomes "::".
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

export function cidrsubnet(prefixText: string, newbits: number, netnum: number): string {
  const prefix = parsePrefix(prefixText);
  const length = prefix.length + newbits;
  if (!Number.isInteger(newbits) || newbits < 0 || length > prefix.width) {
    throw new EvaluationError(`cannot extend prefix ${prefixText} by ${newbits} bits`);
  }
  if (!Number.isInteger(netnum) || netnum < 0 || BigInt(netnum) >= 1n << BigInt(newbits)) {
    throw new EvaluationError(`prefix extension of ${newbits} bits does not fit ${netnum}`);
  }
  const address = prefix.address | (BigInt(netnum) << BigInt(prefix.width - length));
  return `${formatAddress(address, prefix.width)}/${length}`;
}

export function cidrhost(prefixText: string, hostnum: number): string {
  const prefix = parsePrefix(prefixText);
  const size = 1n << BigInt(prefix.width - prefix.length);
  if (!Number.isInteger(hostnum)) throw new EvaluationError("host number must be a whole number");
  const host = hostnum < 0 ? size + BigInt(hostnum) : BigInt(hostnum);
  if (host < 0n || host >= size) throw new EvaluationError(`prefix ${prefixText} has no host number ${hostnum}`);
  return formatAddress(prefix.address | host, prefix.width);
}
