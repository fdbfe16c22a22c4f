/** cidrsubnet and cidrhost for IPv4 and IPv6 prefixes, as Terraform computes them. */
import { formatAddress, type Prefix, parseCidr } from "../../util/ip.js";
import { EvaluationError } from "./values.js";

function parsePrefix(text: string): Prefix {
  const prefix = parseCidr(text);
  if (!prefix) throw new EvaluationError(`invalid CIDR address "${text}"`);
  return prefix;
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
