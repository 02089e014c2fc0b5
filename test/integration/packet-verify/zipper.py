"""Writes test zips for the packet verifier, well formed or hostile, from a JSON spec on stdin.

{"zips": [{"out": path,
           "entries": [{"name": str | "name_b64": raw bytes, "utf8_flag": bool, "extra_b64": raw extra field,
                        "data_b64": str | "zeros": n | "many": count (with "name" as a prefix),
                        "method": "stored" | "deflated", "dir": bool, "external_attr": int,
                        "create_system": int}],
           "stream": bool,                                # written as to a pipe: data descriptors (flag bit 3)
           "junk_after": {"entry": i, "b64": bytes},      # bytes no entry accounts for, after entry i
           "patches": [{"entry": i, "where": "central" | "local" | "both",
                        "field": "flags_or" | "method" | "crc" | "compressed_size" | "uncompressed_size",
                        "value": int}]}]}

Every entry's time is 2026-03-20 10:30:00; files 0644, folders 0755 (Unix), as the packet writer does.
"""
import base64
import json
import struct
import sys
import warnings
import zipfile

warnings.simplefilter("ignore")  # duplicate names are the point of some tests

WHEN = (2026, 3, 20, 10, 30, 0)
CENTRAL = {"flags_or": (8, "H"), "method": (10, "H"), "crc": (16, "I"), "compressed_size": (20, "I"), "uncompressed_size": (24, "I")}
LOCAL = {"flags_or": (6, "H"), "method": (8, "H"), "crc": (14, "I"), "compressed_size": (18, "I"), "uncompressed_size": (22, "I")}


def entries_of(spec):
    for e in spec["entries"]:
        if "many" in e:
            for i in range(e["many"]):
                yield dict(e, name=f"{e['name']}{i:05d}.txt", data_b64=base64.b64encode(b"x").decode(), many=None)
        else:
            yield e


class Unseekable:
    """A file zipfile cannot seek in, as a pipe: it then writes each entry's sizes in a data descriptor."""

    def __init__(self, f):
        self.f = f

    def write(self, data):
        return self.f.write(data)

    def flush(self):
        self.f.flush()


def write(spec):
    raw_names = []  # (index, raw bytes, utf8 flag) to patch in after writing
    junk = spec.get("junk_after")
    target = Unseekable(open(spec["out"], "wb")) if spec.get("stream") else spec["out"]
    with zipfile.ZipFile(target, "w") as zf:
        for i, e in enumerate(entries_of(spec)):
            if "name_b64" in e:
                raw = base64.b64decode(e["name_b64"])
                name = "r" * len(raw)  # a placeholder of the same length, replaced below
                raw_names.append((i, raw, e.get("utf8_flag", False)))
            else:
                name = e["name"]
            info = zipfile.ZipInfo(name, date_time=WHEN)
            info.create_system = e.get("create_system", 3)
            is_dir = e.get("dir", False)
            default_attr = ((0o40755 << 16) | 0x10) if is_dir else (0o100644 << 16)
            info.external_attr = e.get("external_attr", default_attr)
            if "extra_b64" in e:
                info.extra = base64.b64decode(e["extra_b64"])
            info.compress_type = zipfile.ZIP_DEFLATED if e.get("method", "deflated") == "deflated" and not is_dir else zipfile.ZIP_STORED
            if "zeros" in e:
                data = bytes(e["zeros"])
            else:
                data = base64.b64decode(e.get("data_b64", ""))
            if spec.get("stream"):
                with zf.open(info, "w") as dest:  # zipfile sets the data-descriptor flag itself when it cannot seek
                    dest.write(data)
            else:
                zf.writestr(info, data)
            if junk and junk["entry"] == i:
                zf.fp.write(base64.b64decode(junk["b64"]))
                zf.start_dir = zf.fp.tell()
    if spec.get("stream"):
        target.f.close()
    patches = spec.get("patches", [])
    if not raw_names and not patches:
        return
    buf = bytearray(open(spec["out"], "rb").read())
    records = central_records(buf)
    for i, raw, utf8 in raw_names:
        central, local = records[i]
        buf[central + 46:central + 46 + len(raw)] = raw
        buf[local + 30:local + 30 + len(raw)] = raw
        for at in (central + 8, local + 6):
            flags = struct.unpack_from("<H", buf, at)[0]
            flags = (flags | 0x800) if utf8 else (flags & ~0x800)
            struct.pack_into("<H", buf, at, flags)
    for p in patches:
        central, local = records[p["entry"]]
        targets = []
        if p["where"] in ("central", "both"):
            targets.append((central, CENTRAL))
        if p["where"] in ("local", "both"):
            targets.append((local, LOCAL))
        for base, fields in targets:
            offset, fmt = fields[p["field"]]
            if p["field"] == "flags_or":
                value = struct.unpack_from("<H", buf, base + offset)[0] | p["value"]
            else:
                value = p["value"]
            struct.pack_into("<" + fmt, buf, base + offset, value)
    open(spec["out"], "wb").write(bytes(buf))


def central_records(buf):
    """(central record offset, local header offset) of each entry, in central directory order."""
    eocd = buf.rfind(b"PK\x05\x06")
    count = struct.unpack_from("<H", buf, eocd + 10)[0]
    at = struct.unpack_from("<I", buf, eocd + 16)[0]
    records = []
    for _ in range(count):
        assert buf[at:at + 4] == b"PK\x01\x02"
        n, m, k = struct.unpack_from("<HHH", buf, at + 28)
        local = struct.unpack_from("<I", buf, at + 42)[0]
        records.append((at, local))
        at += 46 + n + m + k
    return records


if __name__ == "__main__":
    for spec in json.load(sys.stdin)["zips"]:
        write(spec)
