// The `calculators` entry points work on plain Uint8Array: no Node Buffer, so
// the same code runs in main and in the browser bundle.
import crc16modbus from 'crc/calculators/crc16modbus';
import crc32 from 'crc/calculators/crc32';

/**
 * Checksums the composer can append, with the byte order each one is
 * appended in. Sum-8 and XOR-8 are one byte. CRC-16/MODBUS goes low byte
 * first, as the Modbus RTU specification puts it on the wire; CRC-32 goes
 * most significant byte first, the way its value is written (CB F4 39 26).
 */
export const CHECKSUMS = [
  { id: 'none', label: '—', width: 0 },
  { id: 'sum8', label: 'Sum-8', width: 1 },
  { id: 'xor8', label: 'XOR-8', width: 1 },
  { id: 'crc16-modbus', label: 'CRC-16/MODBUS', width: 2 },
  { id: 'crc32', label: 'CRC-32', width: 4 },
] as const;

export type ChecksumId = (typeof CHECKSUMS)[number]['id'];

export function isChecksumId(value: string): value is ChecksumId {
  return CHECKSUMS.some((c) => c.id === value);
}

/** The value of a checksum over `bytes`, as a number (for display and tests). */
export function checksumValue(id: ChecksumId, bytes: Uint8Array): number {
  switch (id) {
    case 'none':
      return 0;
    case 'sum8': {
      let sum = 0;
      for (const b of bytes) sum = (sum + b) & 0xff;
      return sum;
    }
    case 'xor8': {
      let x = 0;
      for (const b of bytes) x ^= b;
      return x;
    }
    case 'crc16-modbus':
      return crc16modbus(bytes) & 0xffff;
    case 'crc32':
      // The library returns a signed 32-bit int; >>> 0 makes it the usual unsigned value.
      return crc32(bytes) >>> 0;
  }
}

/** The bytes to append after `bytes`, in the order the checksum's convention puts them on the wire. */
export function checksumBytes(id: ChecksumId, bytes: Uint8Array): Uint8Array {
  const value = checksumValue(id, bytes);
  switch (id) {
    case 'none':
      return new Uint8Array(0);
    case 'sum8':
    case 'xor8':
      return Uint8Array.of(value);
    case 'crc16-modbus':
      return Uint8Array.of(value & 0xff, value >>> 8);
    case 'crc32':
      return Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  }
}
