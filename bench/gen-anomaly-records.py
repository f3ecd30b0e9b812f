#!/usr/bin/env python3
"""Writes JSON-lines records for bench/anomaly-detect.sh: a fixed-seed mix of pcap-extract-like
flows (70%), DNS queries (20%) and log-grep-like sshd authentication events (10%) from 2,000
hosts over a day, in time order, in the shapes docs/FORMAT.md describes. Nothing is downloaded.

Usage: gen-anomaly-records.py RECORDS > records.jsonl
"""
import random
import sys


def main():
    count = int(sys.argv[1])
    rng = random.Random(20261207)
    base = 1_780_000_000
    span = 86_400
    out = sys.stdout
    domains = ["example.com", "example.org", "wikipedia.org", "office-mail.com", "cdnprovider.net"]
    labels = ["www", "mail", "api", "static", "img"]
    states = ["SF"] * 18 + ["S0", "REJ"]
    for i in range(count):
        t = base + span * i / count
        sec = int(t)
        stamp = "%s.%06dZ" % (
            __import__("time").strftime("%Y-%m-%dT%H:%M:%S", __import__("time").gmtime(sec)),
            int((t - sec) * 1e6))
        host = "10.%d.%d.%d" % (rng.randrange(2), rng.randrange(4), rng.randrange(1, 251))
        r = rng.random()
        if r < 0.7:
            dst = "203.0.113.%d" % rng.randrange(1, 255)
            out.write(
                '{"@timestamp":"%s","event":{"kind":"event","module":"pcap","dataset":"pcap.flow",'
                '"category":["network"],"type":["connection"],"start":"%s","end":"%s","duration":1000000},'
                '"source":{"ip":"%s","port":%d,"packets":6,"bytes":%d},'
                '"destination":{"ip":"%s","port":%d,"packets":5,"bytes":%d},'
                '"network":{"type":"ipv4","transport":"tcp","iana_number":"6",'
                '"community_id":"1:%027d=","packets":11,"bytes":%d},'
                '"pcap":{"flow":{"state":"%s","history":"ShADadFf","end_reason":"fin",'
                '"first_frame":%d,"orig_payload_bytes":500,"resp_payload_bytes":4000}}}\n'
                % (stamp, stamp, stamp, host, rng.randrange(32768, 61000), rng.randrange(300, 5000),
                   dst, rng.choice((443, 443, 80, 22, 53)), rng.randrange(1000, 50000), i,
                   rng.randrange(2000, 60000), rng.choice(states), i + 1))
        elif r < 0.9:
            name = rng.choice(labels) + "." + rng.choice(domains)
            out.write(
                '{"@timestamp":"%s","event":{"kind":"event","module":"pcap","dataset":"pcap.dns",'
                '"category":["network"],"type":["protocol"]},'
                '"source":{"ip":"%s","port":%d},"destination":{"ip":"10.0.0.53","port":53},'
                '"network":{"type":"ipv4","transport":"udp","iana_number":"17","community_id":"1:%027d="},'
                '"dns":{"id":"%d","type":"query","op_code":"QUERY","header_flags":["RD"],'
                '"question":{"name":"%s","type":"A","class":"IN","registered_domain":"%s"}},'
                '"pcap":{"frame":%d}}\n'
                % (stamp, host, rng.randrange(32768, 61000), i, rng.randrange(65536), name,
                   name.split(".", 1)[1], i + 1))
        else:
            ok = rng.random() < 0.3
            user = rng.choice(("root", "admin", "deploy", "git", "alice"))
            out.write(
                '{"@timestamp":"%s","event":{"action":"ssh_login","category":["authentication"],'
                '"dataset":"log.syslog","kind":"event","module":"log","outcome":"%s",'
                '"original":"%s password for %s from %s port 4242 ssh2"},'
                '"host":{"hostname":"bench"},"log":{"file":{"line":%d,"path":"auth.log"},"offset":%d},'
                '"message":"%s password for %s from %s port 4242 ssh2",'
                '"process":{"name":"sshd","pid":4242},"source":{"ip":"%s","port":4242},'
                '"user":{"name":"%s"}}\n'
                % (stamp, "success" if ok else "failure", "Accepted" if ok else "Failed", user,
                   host, i + 1, i * 120, "Accepted" if ok else "Failed", user, host, host, user))


if __name__ == "__main__":
    main()
