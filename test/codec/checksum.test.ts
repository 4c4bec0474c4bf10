import { describe, expect, it } from 'vitest';
import { CHECKSUMS, checksumBytes, checksumValue } from '../../src-shared/codec/checksum';

const CHECK = new TextEncoder().encode('123456789');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('checksums against published check values for "123456789"', () => {
  it('sum-8 = 0xDD (0x1DD mod 256: the digits 0x31…0x39 add up to 477)', () => {
    expect(checksumValue('sum8', CHECK)).toBe(0xdd);
    expect(hex(checksumBytes('sum8', CHECK))).toBe('dd');
  });

  it('XOR-8 = 0x31 (the nine digits XOR to 0x31)', () => {
    expect(checksumValue('xor8', CHECK)).toBe(0x31);
    expect(hex(checksumBytes('xor8', CHECK))).toBe('31');
  });

  it('CRC-16/MODBUS = 0x4B37, appended low byte first: 37 4B', () => {
    expect(checksumValue('crc16-modbus', CHECK)).toBe(0x4b37);
    expect(hex(checksumBytes('crc16-modbus', CHECK))).toBe('374b');
  });

  it('CRC-32 = 0xCBF43926, appended most significant byte first: CB F4 39 26', () => {
    expect(checksumValue('crc32', CHECK)).toBe(0xcbf43926);
    expect(hex(checksumBytes('crc32', CHECK))).toBe('cbf43926');
  });

  it('CRC-16/MODBUS of a real Modbus RTU request (read 1 holding register) is 84 0A', () => {
    // Python: the bitwise CRC (poly 0xA001, init 0xFFFF) of 01 03 00 00 00 01 is 0x0A84.
    expect(hex(checksumBytes('crc16-modbus', Uint8Array.of(1, 3, 0, 0, 0, 1)))).toBe('840a');
  });

  it('of nothing: sum and XOR are 0, MODBUS keeps its init 0xFFFF, CRC-32 is 0', () => {
    const empty = new Uint8Array(0);
    expect(checksumValue('sum8', empty)).toBe(0);
    expect(checksumValue('xor8', empty)).toBe(0);
    expect(checksumValue('crc16-modbus', empty)).toBe(0xffff);
    expect(checksumValue('crc32', empty)).toBe(0);
  });

  it('"none" appends nothing; every other width matches its bytes', () => {
    expect(checksumBytes('none', CHECK).byteLength).toBe(0);
    for (const c of CHECKSUMS) expect(checksumBytes(c.id, CHECK).byteLength).toBe(c.width);
  });
});
