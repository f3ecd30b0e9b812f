#!/usr/bin/env python3
"""Writes an empty disk image with a BSD disklabel where the Sleuth Kit looks for one (sector 1,
little-endian, magic 0x82564557 at the start and again after the drive data, as in FreeBSD's
<sys/disklabel.h> and libtsk's tsk/vs/tsk_bsd.h) holding three partitions; the test then puts
FAT file systems into the first two (mkfs.vfat --offset) and leaves the third empty.

parted's "bsd" label is not used: it does not write the label where libtsk reads it.

Usage: make_bsd_image.py IMAGE   -> prints "LETTER START_SECTOR SECTORS FSTYPE" per partition
"""
import struct
import sys

SECTOR = 512
TOTAL = 8 * 1024 * 1024 // SECTOR
MAGIC = 0x82564557
FS_BSDFFS = 7  # "4.2BSD"
FS_MSDOS = 8
# Slot (a=0, b=1, ... ; slot c, the whole disk on BSD, left empty), start sector, sectors, type.
PARTS = [(0, 64, 8192, FS_MSDOS), (1, 8256, 6144, FS_MSDOS), (3, 14400, 1984, FS_BSDFFS)]
NUM_PARTS = 8


def disklabel():
    label = bytearray(SECTOR)
    struct.pack_into("<IHH16s16s", label, 0, MAGIC, 5, 0, b"SCSI", b"seckit-test")  # type 5: SCSI
    # d_secsize, nsectors, ntracks, ncylinders, secpercyl, secperunit
    struct.pack_into("<IIIIII", label, 40, SECTOR, 63, 16, TOTAL // (63 * 16), 63 * 16, TOTAL)
    struct.pack_into("<H", label, 72, 3600)  # d_rpm
    struct.pack_into("<I", label, 132, MAGIC)  # d_magic2
    struct.pack_into("<HII", label, 138, NUM_PARTS, 8192, 65536)  # npartitions, bbsize, sbsize
    for slot, start, count, fstype in PARTS:
        struct.pack_into("<IIIBBH", label, 148 + 16 * slot, count, start, 0, fstype, 0, 0)
    # d_checksum (offset 136): the XOR of the 16-bit words of the label up to the end of its
    # partition table, taken with the checksum itself zero.
    end = 148 + 16 * NUM_PARTS
    checksum = 0
    for (word,) in struct.iter_unpack("<H", bytes(label[:end])):
        checksum ^= word
    struct.pack_into("<H", label, 136, checksum)
    return bytes(label)


def main():
    img = bytearray(TOTAL * SECTOR)
    img[SECTOR:2 * SECTOR] = disklabel()
    open(sys.argv[1], "wb").write(img)
    for slot, start, count, fstype in PARTS:
        print("abcdefgh"[slot], start, count, fstype)


if __name__ == "__main__":
    main()
