#!/usr/bin/env python3
"""Writes seckit JSON-lines records for bench/triage-report.sh: the mix a week of the pipeline
produces (pcap-extract flows, DNS, HTTP, TLS; log-grep syslog and access records; a few
ioc-enrich enrichments, anomaly-detect alerts and fw-block actions), with realistic skew (a few
heavy talkers and domains, a long tail). Python standard library only, fixed seed: the same
bytes every time.

Usage: gen-records.py RECORDS OUT_FILE [PART]   (PART numbers the file, so parts differ)
"""
import random
import sys


def main():
    records = int(sys.argv[1])
    out_path = sys.argv[2]
    part = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    rng = random.Random(20261124 + part)
    # 200,000 external addresses (Zipf-like: a few very busy), 2,000 internal, 50,000 domains.
    external = ["%d.%d.%d.%d" % (rng.randint(1, 223), rng.randint(0, 255), rng.randint(0, 255),
                                 rng.randint(1, 254)) for _ in range(200_000)]
    internal = ["10.%d.%d.%d" % (rng.randint(0, 7), rng.randint(0, 255), rng.randint(1, 254))
                for _ in range(2_000)]
    domains = ["%s%d.%s" % (rng.choice(["cdn", "api", "www", "mail", "img", "static"]), i,
                            rng.choice(["example.com", "example.net", "example.org"]))
               for i in range(50_000)]
    ports = [443] * 50 + [80] * 20 + [53] * 10 + [22] * 5 + [8080, 3389, 445, 25, 993, 123]

    def skewed(pool):
        # Pareto-ish index: most picks land on the first few entries.
        return pool[min(int(rng.paretovariate(1.1)) - 1, len(pool) - 1)]

    base = 1_795_000_000 + part * 86_400  # 2026-11-18
    frame = part * 100_000_000
    with open(out_path, "w", encoding="utf-8") as out:
        for i in range(records):
            t = base + i * 0.06
            stamp = "%s.%06dZ" % (fmt(t), int((t % 1) * 1e6))
            r = rng.random()
            src = skewed(internal) if rng.random() < 0.6 else skewed(external)
            dst = skewed(external) if src.startswith("10.") else skewed(internal)
            frame += 3
            if r < 0.45:
                port = rng.choice(ports)
                b1, b2 = rng.randint(60, 5000), rng.randint(60, 200000)
                out.write('{"@timestamp":"%s","event":{"kind":"event","module":"pcap","dataset":"pcap.flow",'
                          '"category":["network"],"type":["connection"],"start":"%s","end":"%s","duration":%d},'
                          '"log":{"file":{"path":"/data/capture-%d.pcap"}},"source":{"ip":"%s","port":%d,"packets":%d,"bytes":%d},'
                          '"destination":{"ip":"%s","port":%d,"packets":%d,"bytes":%d},"network":{"type":"ipv4",'
                          '"transport":"tcp","iana_number":"6","community_id":"1:%016x=","packets":%d,"bytes":%d},'
                          '"pcap":{"flow":{"state":"SF","history":"ShADadFf","end_reason":"fin","first_frame":%d}}}\n'
                          % (stamp, stamp, stamp, rng.randint(1000, 9000000000), part, src, rng.randint(1024, 65535),
                             rng.randint(1, 50), b1, dst, port, rng.randint(1, 200), b2, rng.getrandbits(64),
                             rng.randint(2, 250), b1 + b2, frame))
            elif r < 0.65:
                name = skewed(domains)
                out.write('{"@timestamp":"%s","event":{"kind":"event","module":"pcap","dataset":"pcap.dns",'
                          '"category":["network"],"type":["protocol"]},"log":{"file":{"path":"/data/capture-%d.pcap"}},'
                          '"source":{"ip":"%s","port":%d},"destination":{"ip":"10.0.0.2","port":53},"network":{"type":"ipv4",'
                          '"transport":"udp","iana_number":"17","bytes":%d},"dns":{"id":"%d","type":"query","op_code":"QUERY",'
                          '"question":{"name":"%s","type":"A","class":"IN"}},"pcap":{"frame":%d}}\n'
                          % (stamp, part, skewed(internal), rng.randint(1024, 65535), rng.randint(60, 120),
                             rng.randint(0, 65535), name, frame))
            elif r < 0.75:
                name = skewed(domains)
                out.write('{"@timestamp":"%s","event":{"kind":"event","module":"pcap","dataset":"pcap.http",'
                          '"category":["network"],"type":["protocol"]},"log":{"file":{"path":"/data/capture-%d.pcap"}},'
                          '"source":{"ip":"%s","port":%d},"destination":{"ip":"%s","port":80},"http":{"version":"1.1",'
                          '"request":{"method":"GET"}},"url":{"original":"/item/%d","domain":"%s","path":"/item/%d"},'
                          '"user_agent":{"original":"Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0"},'
                          '"pcap":{"frame":%d}}\n'
                          % (stamp, part, src, rng.randint(1024, 65535), dst, i, name, i, frame))
            elif r < 0.95:
                user = rng.choice(["root", "admin", "deploy", "ubuntu", "oracle", "git"])
                outcome = "failure" if rng.random() < 0.7 else "success"
                word = "Failed" if outcome == "failure" else "Accepted"
                out.write('{"@timestamp":"%s","event":{"action":"ssh_login","category":["authentication"],'
                          '"dataset":"log.syslog","kind":"event","module":"log","outcome":"%s","original":"Nov 24 10:02:13 web%d sshd[%d]: '
                          '%s password for %s from %s port %d ssh2"},"host":{"hostname":"web%d"},"log":{"file":{"line":%d,'
                          '"path":"/var/log/auth-%d.log"},"offset":%d},"message":"%s password for %s from %s port %d ssh2",'
                          '"process":{"name":"sshd","pid":%d},"source":{"ip":"%s","port":%d},"user":{"name":"%s"}}\n'
                          % (stamp, outcome, i % 20, i % 30000, word, user, src, 40000 + i % 20000, i % 20, i + 1,
                             part, i * 110, word, user, src, 40000 + i % 20000, i % 30000, src, 40000 + i % 20000, user))
            elif r < 0.99:
                status = rng.choice([200, 200, 200, 304, 404, 500])
                out.write('{"@timestamp":"%s","event":{"dataset":"log.access","kind":"event","module":"log","original":'
                          '"%s - - [24/Nov/2026:10:07:05 +0000] \\"GET /products?id=%d HTTP/1.1\\" %d 512 \\"-\\" \\"curl/8.0\\""},'
                          '"http":{"request":{"method":"GET"},"response":{"status_code":%d,"body":{"bytes":512}}},'
                          '"log":{"file":{"line":%d,"path":"/var/log/nginx/access-%d.log"},"offset":%d},"source":{"ip":"%s"},'
                          '"url":{"original":"/products?id=%d"},"user_agent":{"original":"curl/8.0"}}\n'
                          % (stamp, src, i, status, status, i + 1, part, i * 120, src, i))
            elif r < 0.999:
                ip = skewed(external)
                out.write('{"@timestamp":"%s","event":{"kind":"event","module":"pcap","dataset":"pcap.flow"},'
                          '"source":{"ip":"%s","port":%d,"bytes":60},"destination":{"ip":"%s","port":22,"bytes":60},'
                          '"network":{"transport":"tcp","bytes":120},"threat":{"enrichments":[{"indicator":{"type":"ipv4-addr",'
                          '"ip":"%s","provider":"feed:bench.txt","confidence":"%s"},"matched":{"atomic":"%s","field":"source.ip",'
                          '"type":"indicator_match_rule"}}]},"ioc":{"verdict":"malicious","score":90,"enrichments":1}}\n'
                          % (stamp, ip, rng.randint(1024, 65535), skewed(internal), ip,
                             rng.choice(["High", "Medium", "Low"]), ip))
            elif r < 0.9998:
                ip = skewed(external)
                sev = rng.choice([21, 47, 73, 99])
                out.write('{"@timestamp":"%s","event":{"kind":"alert","module":"anomaly-detect","dataset":"anomaly.alert",'
                          '"severity":%d,"risk_score":%d},"rule":{"id":"brute_force.source","name":"SSH brute force"},'
                          '"source":{"ip":"%s"},"destination":{"ip":"%s"},"related":{"ip":["%s"]},'
                          '"message":"many failed SSH logins from %s"}\n'
                          % (stamp, sev, sev, ip, skewed(internal), ip, ip))
            else:
                ip = skewed(external)
                out.write('{"@timestamp":"%s","event":{"kind":"event","module":"fw-block","dataset":"fw.action"},'
                          '"fw":{"action":"block","reason":"brute force","backend":"nftables","applied":true,"ttl":3600,'
                          '"address":"%s"},"source":{"ip":"%s"},"related":{"ip":["%s"]}}\n' % (stamp, ip, ip, ip))


def fmt(t):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t))


if __name__ == "__main__":
    main()
