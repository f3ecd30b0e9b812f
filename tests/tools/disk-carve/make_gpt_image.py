#!/usr/bin/env python3
"""Writes an empty disk image with a GPT (protective MBR, primary and backup headers) holding two
partitions; the test then puts file systems into them (mkfs.vfat --offset, mkfs.ext4 -E offset).

Usage: make_gpt_image.py IMAGE   -> prints "START_LBA SECTORS" per partition
"""
import struct
import sys
import uuid
import zlib

SECTOR = 512
TOTAL = 32 * 1024 * 1024 // SECTOR
PARTS = [(2048, 8192, "fat"), (12288, 16384, "ext4")]  # start LBA, sectors
LINUX = uuid.UUID("0FC63DAF-8483-4772-8E79-3D69D8477DE4")
BASIC = uuid.UUID("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7")


def entries():
    out = bytearray(128 * 128)
    for i, (start, count, kind) in enumerate(PARTS):
        type_guid = BASIC if kind == "fat" else LINUX
        name = kind.encode("utf-16-le")
        struct.pack_into("<16s16sQQQ72s", out, i * 128, type_guid.bytes_le,
                         uuid.UUID(int=i + 1).bytes_le, start, start + count - 1, 0, name)
    return bytes(out)


def header(current, backup, table_lba, table):
    fields = struct.pack("<8sIIIIQQQQ16sQIII", b"EFI PART", 0x10000, 92, 0, 0, current, backup,
                         34, TOTAL - 34, uuid.UUID(int=99).bytes_le, table_lba, 128, 128,
                         zlib.crc32(table))
    crc = zlib.crc32(fields)
    fields = fields[:16] + struct.pack("<I", crc) + fields[20:]
    return fields + bytes(SECTOR - len(fields))


def main():
    table = entries()
    img = bytearray(TOTAL * SECTOR)
    mbr = bytearray(SECTOR)
    struct.pack_into("<B3sB3sII", mbr, 446, 0, b"\x00\x02\x00", 0xEE, b"\xff\xff\xff", 1, TOTAL - 1)
    mbr[510:512] = b"\x55\xaa"
    img[0:SECTOR] = mbr
    img[SECTOR:2 * SECTOR] = header(1, TOTAL - 1, 2, table)
    img[2 * SECTOR:2 * SECTOR + len(table)] = table
    img[(TOTAL - 33) * SECTOR:(TOTAL - 33) * SECTOR + len(table)] = table
    img[(TOTAL - 1) * SECTOR:TOTAL * SECTOR] = header(TOTAL - 1, 1, TOTAL - 33, table)
    open(sys.argv[1], "wb").write(img)
    for start, count, _ in PARTS:
        print(start, count)


if __name__ == "__main__":
    main()
