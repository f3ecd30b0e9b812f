#!/usr/bin/env python3
"""Builds a carving test image: known files of every format disk-carve carves, generated here,
planted at known offsets in deterministic random bytes. Writes IMAGE and a JSON manifest.

Usage: make_carve_image.py IMAGE MANIFEST [SIZE_MIB [PLANTED_DIR]]
       make_carve_image.py --samples DIR   (kept.png, gone.png, gone.jpg)
"""
import gzip
import hashlib
import io
import json
import random
import shutil
import sqlite3
import struct
import sys
import tempfile
import zipfile
import zlib


def png(width, height, seed):
    rnd = random.Random(seed)
    raw = b"".join(b"\x00" + bytes(rnd.randrange(256) for _ in range(width * 3)) for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) +
            chunk(b"tEXt", b"Comment\x00planted by the test") + chunk(b"IEND", b""))


def jpeg(blocks_w, blocks_h, seed):
    """A baseline greyscale JPEG whose blocks carry only DC coefficients (valid, minimal)."""
    rnd = random.Random(seed)
    dc_bits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    dc_vals = list(range(12))
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(dc_bits[length - 1]):
            codes[dc_vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    out = bytearray(b"\xff\xd8")
    out += b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    out += b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    out += b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, blocks_h * 8, blocks_w * 8, 1) + b"\x01\x11\x00"
    out += b"\xff\xc4" + struct.pack(">H", 3 + 16 + 12) + b"\x00" + bytes(dc_bits) + bytes(dc_vals)
    # AC table with the single symbol EOB (0x00) coded as "0".
    out += b"\xff\xc4" + struct.pack(">H", 3 + 16 + 1) + b"\x10" + bytes([1] + [0] * 15) + b"\x00"
    out += b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00" + b"\x00\x3f\x00"
    bits, nbits, prev = 0, 0, 0
    data = bytearray()

    def put(value, length):
        nonlocal bits, nbits
        for i in range(length - 1, -1, -1):
            bits = (bits << 1) | ((value >> i) & 1)
            nbits += 1
            if nbits == 8:
                data.append(bits)
                if bits == 0xFF:
                    data.append(0)
                bits, nbits = 0, 0

    for _ in range(blocks_w * blocks_h):
        dc = rnd.randrange(-1000, 1000)
        diff, prev = dc - prev, dc
        cat = abs(diff).bit_length()
        put(*codes[cat])
        if cat:
            put(diff if diff > 0 else diff + (1 << cat) - 1, cat)
        put(0, 1)  # EOB
    if nbits:
        put((1 << (8 - nbits)) - 1, 8 - nbits)
    return bytes(out + data + b"\xff\xd9")


GIF = bytes.fromhex("474946383961010001008000 00ffffff000000 21f90401000000002c"
                    "000000000100010000020244 01003b".replace(" ", ""))


def bmp(width, height, seed):
    rnd = random.Random(seed)
    row = (width * 3 + 3) // 4 * 4
    pixels = bytes(rnd.randrange(256) for _ in range(row * height))
    header = struct.pack("<2sIHHI", b"BM", 54 + len(pixels), 0, 0, 54)
    dib = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return header + dib + pixels


def pdf():
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"]
    stream = b"BT /F1 12 Tf 10 10 Td (planted) Tj ET"
    objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def zip_archive(seed, docx=False):
    rnd = random.Random(seed)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        if docx:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", "<document>planted</document>")
        else:
            z.writestr("a.txt", "hello " * 300)
            z.writestr("b.bin", bytes(rnd.randrange(256) for _ in range(5000)))
    return buf.getvalue()


def gzip_data(seed):
    rnd = random.Random(seed)
    return gzip.compress(b"log line\n" * 2000 + bytes(rnd.randrange(256) for _ in range(3000)), mtime=0)


def pe():
    dos = bytearray(64)
    dos[0:2] = b"MZ"
    struct.pack_into("<I", dos, 0x3C, 0x40)
    coff = struct.pack("<4sHHIIIHH", b"PE\x00\x00", 0x14C, 1, 0, 0, 0, 224, 0x0102)
    opt = bytearray(224)
    struct.pack_into("<H", opt, 0, 0x10B)
    struct.pack_into("<I", opt, 16, 0x1000)    # AddressOfEntryPoint
    struct.pack_into("<I", opt, 28, 0x400000)  # ImageBase
    struct.pack_into("<II", opt, 32, 0x1000, 0x200)  # section / file alignment
    struct.pack_into("<I", opt, 56, 0x2000)    # SizeOfImage
    struct.pack_into("<I", opt, 60, 0x200)     # SizeOfHeaders
    struct.pack_into("<H", opt, 68, 3)         # console subsystem
    struct.pack_into("<I", opt, 92, 16)        # NumberOfRvaAndSizes
    section = struct.pack("<8sIIIIIIHHI", b".text", 0x200, 0x1000, 0x400, 0x200, 0, 0, 0, 0, 0x60000020)
    head = bytes(dos) + coff + bytes(opt) + section
    head += bytes(0x200 - len(head))
    body = (b"\xc3" + bytes(range(256)) * 4)[:0x400]
    return head + body


def sqlite_db():
    tmp = tempfile.mkdtemp()
    path = tmp + "/t.db"
    db = sqlite3.connect(path)
    db.execute("create table t (id integer primary key, v text)")
    db.executemany("insert into t (v) values (?)", [("row %d " % i * 20,) for i in range(500)])
    db.commit()
    db.close()
    data = open(path, "rb").read()
    shutil.rmtree(tmp)
    return data


def main():
    if sys.argv[1] == "--samples":
        out = sys.argv[2]
        open(out + "/kept.png", "wb").write(png(50, 50, 11))
        open(out + "/gone.png", "wb").write(png(60, 40, 12))
        open(out + "/gone.jpg", "wb").write(jpeg(10, 10, 13))
        return
    image, manifest = sys.argv[1], sys.argv[2]
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    rnd = random.Random(20261207)
    total = size * 1024 * 1024
    with open(image, "wb") as f:
        left = total
        while left > 0:
            step = min(left, 64 * 1024 * 1024)
            f.write(rnd.randbytes(step))
            left -= step
    f = open(image, "r+b")
    files = [("png", png(40, 30, 1)), ("jpg", jpeg(8, 6, 2)), ("gif", GIF), ("bmp", bmp(21, 13, 3)),
             ("pdf", pdf()), ("zip", zip_archive(4)), ("docx", zip_archive(5, docx=True)),
             ("gz", gzip_data(6)), ("elf", open("/bin/true", "rb").read()), ("exe", pe()),
             ("sqlite", sqlite_db())]
    planted = []
    stride = total // (len(files) + 3)
    for i, (kind, data) in enumerate(files):
        offset = stride * (i + 1) + (i * 977) % 4096  # not sector aligned
        f.seek(offset)
        f.write(data)
        planted.append({"type": kind, "offset": offset, "length": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(), "truncated": False})
    # Truncated files: only their first part is there, random bytes follow.
    for j, (kind, data) in enumerate([("png", png(64, 64, 7)), ("zip", zip_archive(8))]):
        offset = stride * (len(files) + 1 + j) + 333
        cut = data[:len(data) * 6 // 10]
        f.seek(offset)
        f.write(cut)
        planted.append({"type": kind, "offset": offset, "length": len(cut),
                        "sha256": hashlib.sha256(cut).hexdigest(), "truncated": True})
    f.close()
    with open(manifest, "w") as f:
        json.dump(planted, f)
    # The planted files themselves, for tools that want them (the benchmark's recall).
    if len(sys.argv) > 4:
        for p, (kind, data) in zip(planted, files):
            open("%s/%d.%s" % (sys.argv[4], p["offset"], kind), "wb").write(data)


if __name__ == "__main__":
    main()
