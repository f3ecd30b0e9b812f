#!/usr/bin/env python3
"""Writes the log-grep benchmark data: an access log, an auth log and indicator lists.

The line shapes follow the corpus (../shared/corpus/logs: beats_nginx_access.log,
loghub_OpenSSH_2k.log, plaso_syslog_ssh.log): Apache/nginx combined access log lines, and
RFC 3164 syslog lines from sshd (brute-force sessions, logins), CRON, sudo and systemd-logind.
Python standard library only, one fixed seed: the same bytes on every run and machine.

Files written into OUTDIR (each under a temporary name first, then renamed):
  access.log     combined access log, about --access-mb MB, 4% of lines from listed addresses
  auth.log       syslog auth log, about --auth-mb MB, a third of lines naming listed addresses
  ips-10k.txt    10,000 IPv4 addresses, one per line; 3,000 of them occur in the logs
  iocs-100k.txt  100,000 mixed indicators: the 10,000 addresses, 50,000 more IPv4 and 5,000
                 IPv6 addresses, 5,000 IPv4 and 1,000 IPv6 networks, 29,000 domains (some
                 networks and domains occur in the logs)

An address in these logs always stands between spaces, brackets, '=' or ':', never next to a
letter, digit, '_' or a '.'+digit, so `grep -w -F -f ips-10k.txt` and log-grep's typed
address matching select the same lines. User agents carry dotted version numbers, but none
with four parts that are all 0-255 and listed.

Usage: bench/gen-logs.py OUTDIR [--access-mb N] [--auth-mb N] [--seed N]
"""

import argparse
import os
import random
import time

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
START = 1793491200  # 2026-11-01T00:00:00Z
TLDS = ("com", "net", "org", "info", "ru", "cn", "xyz", "top", "io", "biz", "de", "br")
SYLLABLES = ("ka", "lo", "mi", "ne", "tor", "zu", "ra", "vex", "pli", "qo", "dan", "sim",
             "bar", "cor", "fin", "gal", "hub", "jet", "lux", "mon", "nova", "pix", "sol", "tek")
USERS = ("admin", "test", "oracle", "support", "user", "guest", "ubuntu", "postgres", "git",
         "ftpuser", "pi", "deploy1", "mysql", "nagios", "tomcat", "hadoop", "www", "user1",
         "test2", "administrator", "jenkins", "minecraft", "steam", "ansible", "dev")
STAFF = ("alice", "bob", "deploy", "backup", "carol", "monitor")
PAGES = ("/", "/index.html", "/about", "/contact", "/blog/", "/products", "/cart", "/login",
         "/static/css/site.css", "/static/js/app.3f9a1c.js", "/static/img/logo.png",
         "/favicon.ico", "/robots.txt", "/sitemap.xml", "/api/v1/session", "/search")
PROBES = ("/wp-login.php", "/xmlrpc.php", "/.env", "/admin.php", "/phpmyadmin/index.php",
          "/.git/config", "/cgi-bin/luci", "/shell.php", "/vendor/phpunit/phpunit/src/Util/PHP/"
          "eval-stdin.php", "/wp-content/plugins/revslider/temp/update_extract/up.php",
          "/index.php?id=1%27%20OR%20%271%27=%271", "/boaform/admin/formLogin")
BROWSERS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.6778.86 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.6 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.6723.107 Mobile Safari/537.36",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "curl/8.5.0",
)
SCANNERS = (
    "sqlmap/1.8.11#stable (https://sqlmap.org)",
    "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000003)",
    "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
    "Mozilla/5.0 zgrab/0.x",
    "python-requests/2.31.0",
    "Go-http-client/1.1",
)


def public_ipv4(rnd):
    """A random address outside 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16
    and 224/3."""
    while True:
        a = rnd.randrange(1, 224)
        b = rnd.randrange(256)
        if a in (10, 127) or (a == 100 and 64 <= b < 128) or (a == 169 and b == 254):
            continue
        if (a == 172 and 16 <= b < 32) or (a == 192 and b == 168):
            continue
        return "%d.%d.%d.%d" % (a, b, rnd.randrange(256), rnd.randrange(1, 255))


def public_ipv6(rnd):
    return "2a%02x:%x:%x:%x::%x" % (rnd.randrange(256), rnd.randrange(1, 65536),
                                    rnd.randrange(65536), rnd.randrange(65536),
                                    rnd.randrange(1, 65536))


def domain(rnd):
    labels = "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randrange(2, 5)))
    if rnd.random() < 0.3:
        labels += "-" + rnd.choice(SYLLABLES) + str(rnd.randrange(100))
    return labels + "." + rnd.choice(TLDS)


def distinct(rnd, make, count, taken):
    """`count` new values from make(rnd) that are not in `taken` (which they are added to)."""
    values = []
    while len(values) < count:
        value = make(rnd)
        if value not in taken:
            taken.add(value)
            values.append(value)
    return values


class Pools:
    """The addresses and names the logs are drawn from, and the indicator lists."""

    def __init__(self, rnd):
        taken = set()
        self.listed_seen = distinct(rnd, public_ipv4, 3000, taken)      # in ips-10k, in logs
        self.listed_unseen = distinct(rnd, public_ipv4, 7000, taken)    # in ips-10k only
        self.more_listed = distinct(rnd, public_ipv4, 50000, taken)     # in iocs-100k only
        self.attackers = distinct(rnd, public_ipv4, 6000, taken)        # in logs, not listed
        self.visitors = distinct(rnd, public_ipv4, 60000, taken)        # in logs, not listed
        self.visitors6 = distinct(rnd, public_ipv6, 3000, set())
        self.listed6 = distinct(rnd, public_ipv6, 5000, set(self.visitors6))
        self.staff_ips = ["10.20.%d.%d" % (i // 200, i % 200 + 10) for i in range(40)]
        # Networks: 300 /24s around the unlisted attackers (so --ioc finds more lines than the
        # addresses alone), the rest random /16-/28 elsewhere.
        nets = set()
        for ip in self.attackers[:300]:
            nets.add(ip.rsplit(".", 1)[0] + ".0/24")
        while len(nets) < 5000:
            prefix = rnd.choice((16, 20, 22, 24, 24, 24, 26, 28))
            a, b, c, d = (int(x) for x in public_ipv4(rnd).split("."))
            value = (a << 24 | b << 16 | c << 8 | d) & ~((1 << (32 - prefix)) - 1)
            nets.add("%d.%d.%d.%d/%d" % (value >> 24, value >> 16 & 255, value >> 8 & 255,
                                         value & 255, prefix))
        self.nets4 = sorted(nets)
        self.nets6 = ["2a%02x:%x::/32" % (rnd.randrange(256), rnd.randrange(1, 65536))
                      for _ in range(1000)]
        names = set()
        self.bad_domains = distinct(rnd, domain, 29000, names)
        self.good_domains = distinct(rnd, domain, 2000, names)
        self.bad_seen = self.bad_domains[:500]
        self.host_domains = self.bad_seen + self.good_domains

    def write_lists(self, outdir):
        ips = self.listed_seen + self.listed_unseen
        random.Random(7).shuffle(ips)
        write_atomically(os.path.join(outdir, "ips-10k.txt"), "".join(ip + "\n" for ip in ips))
        mixed = ips + self.more_listed + self.listed6 + self.nets4 + self.nets6 + self.bad_domains
        random.Random(8).shuffle(mixed)
        assert len(mixed) == 100000, len(mixed)
        text = "# seckit log-grep benchmark indicators (synthetic)\n"
        text += "".join(value + "\n" for value in mixed)
        write_atomically(os.path.join(outdir, "iocs-100k.txt"), text)


def write_atomically(path, text):
    with open(path + ".tmp", "w", encoding="ascii") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


class Clock:
    """Time stamps that advance by a random step, formatted once per second."""

    def __init__(self, rnd, mean_step, style):
        self.rnd, self.mean_step, self.style = rnd, mean_step, style
        self.now, self.second, self.text = float(START), -1, ""

    def tick(self):
        self.now += self.rnd.random() * 2 * self.mean_step
        second = int(self.now)
        if second != self.second:
            self.second = second
            t = time.gmtime(second)
            if self.style == "access":
                self.text = "%02d/%s/%d:%02d:%02d:%02d +0000" % (
                    t.tm_mday, MONTHS[t.tm_mon - 1], t.tm_year, t.tm_hour, t.tm_min, t.tm_sec)
            else:
                self.text = "%s %2d %02d:%02d:%02d" % (
                    MONTHS[t.tm_mon - 1], t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
        return self.text


def access_lines(rnd, pools):
    """Yields access log lines forever: visitors, 4% listed scanners, some unlisted ones."""
    clock = Clock(rnd, 0.8, "access")
    r = rnd.random
    visitors, v6 = pools.visitors, pools.visitors6
    while True:
        when = clock.tick()
        roll = r()
        if roll < 0.04 or roll > 0.985:
            ip = rnd.choice(pools.listed_seen if roll < 0.04 else pools.attackers)
            method = "POST" if r() < 0.4 else "GET"
            path, agent = rnd.choice(PROBES), rnd.choice(SCANNERS)
            status = rnd.choice((404, 404, 404, 403, 200, 500))
            referer = "-"
        else:
            ip = v6[int(r() * len(v6))] if r() < 0.03 else visitors[int(r() ** 2 * len(visitors))]
            method = "GET" if r() < 0.93 else "POST"
            path = PAGES[int(r() ** 1.5 * len(PAGES))]
            if path == "/search":
                path += "?q=" + rnd.choice(SYLLABLES) + rnd.choice(SYLLABLES)
            elif method == "POST":
                path = rnd.choice(("/login", "/api/v1/session", "/cart", "/wp-login.php"))
            agent = BROWSERS[int(r() ** 1.3 * len(BROWSERS))]
            x = r()
            status = 200 if x < 0.86 else 304 if x < 0.93 else 301 if x < 0.96 else (
                404 if x < 0.99 else rnd.choice((500, 502, 503, 504)))
            y = r()
            if y < 0.5:
                referer = "-"
            elif y < 0.9:
                referer = "https://www.shop.example" + PAGES[int(r() * len(PAGES))]
            elif y < 0.995:
                referer = "https://%s/" % rnd.choice(pools.good_domains)
            else:
                referer = "http://%s/%s.html" % (rnd.choice(pools.bad_seen), rnd.choice(SYLLABLES))
        size = 0 if status == 304 else rnd.randrange(150, 90000)
        yield '%s - - [%s] "%s %s HTTP/1.1" %d %d "%s" "%s"\n' % (
            ip, when, method, path, status, size, referer, agent)


def brute_force(rnd, pools, head):
    """One password-guessing session: 2-8 lines with the same pid, address and port."""
    x = rnd.random()
    ip = rnd.choice(pools.listed_seen) if x < 0.45 else rnd.choice(pools.attackers)
    port = rnd.randrange(1024, 65536)
    lines = []
    if rnd.random() < 0.15:
        host = "host-%s.%s" % (ip.replace(".", "-"), rnd.choice(pools.host_domains))
        lines.append("%s: reverse mapping checking getaddrinfo for %s [%s] failed - "
                     "POSSIBLE BREAK-IN ATTEMPT!" % (head, host, ip))
    if rnd.random() < 0.4:
        user = "root"
        prefix = ""
        lines.append("%s: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
                     "tty=ssh ruser= rhost=%s  user=root" % (head, ip))
    else:
        user = rnd.choice(USERS)
        prefix = "invalid user "
        lines.append("%s: Invalid user %s from %s port %d" % (head, user, ip, port))
        lines.append("%s: pam_unix(sshd:auth): check pass; user unknown" % head)
        lines.append("%s: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
                     "tty=ssh ruser= rhost=%s " % (head, ip))
    for _ in range(rnd.choice((1, 1, 2, 3))):
        lines.append("%s: Failed password for %s%s from %s port %d ssh2" % (
            head, prefix, user, ip, port))
    if rnd.random() < 0.5:
        lines.append("%s: Received disconnect from %s port %d:11: Bye Bye [preauth]" % (
            head, ip, port))
    else:
        who = prefix or "authenticating user "
        lines.append("%s: Disconnected from %s%s %s port %d [preauth]" % (
            head, who, user, ip, port))
    return lines


def login(rnd, pools, head):
    """A staff login with a key (or, rarely, a password), then its session."""
    user, ip = rnd.choice(STAFF), rnd.choice(pools.staff_ips)
    port = rnd.randrange(1024, 65536)
    key = "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                  for _ in range(43))
    uid = 1000 + STAFF.index(user)
    if rnd.random() < 0.9:
        first = "%s: Accepted publickey for %s from %s port %d ssh2: ED25519 SHA256:%s" % (
            head, user, ip, port, key)
    else:
        first = "%s: Accepted password for %s from %s port %d ssh2" % (head, user, ip, port)
    return [first,
            "%s: pam_unix(sshd:session): session opened for user %s(uid=%d) by (uid=0)" % (
                head, user, uid),
            "%s: pam_unix(sshd:session): session closed for user %s" % (head, user)]


def auth_lines(rnd, pools, host):
    """Yields auth log lines forever, a session (a few lines) at a time."""
    clock = Clock(rnd, 0.25, "syslog")
    pid = 20000
    while True:
        pid = pid + rnd.randrange(1, 40) if pid < 4000000 else 1000
        x = rnd.random()
        head = "%s %s sshd[%d]" % (clock.tick(), host, pid)
        if x < 0.70:
            lines = brute_force(rnd, pools, head)
        elif x < 0.78:
            ip = rnd.choice(pools.listed_seen if rnd.random() < 0.3 else pools.attackers)
            lines = ["%s: Connection closed by %s port %d [preauth]" % (
                head, ip, rnd.randrange(1024, 65536))]
        elif x < 0.82:
            lines = ["%s: Did not receive identification string from %s port %d" % (
                head, rnd.choice(pools.visitors), rnd.randrange(1024, 65536))]
        elif x < 0.90:
            lines = login(rnd, pools, head)
        elif x < 0.96:
            stamp = clock.tick()
            lines = ["%s %s CRON[%d]: pam_unix(cron:session): session opened for user root(uid=0)"
                     " by (uid=0)" % (stamp, host, pid),
                     "%s %s CRON[%d]: pam_unix(cron:session): session closed for user root" % (
                         stamp, host, pid)]
        elif x < 0.98:
            user = rnd.choice(STAFF)
            lines = ["%s %s sudo: %s : TTY=pts/%d ; PWD=/home/%s ; USER=root ; COMMAND=%s" % (
                clock.tick(), host, user, rnd.randrange(4), user,
                rnd.choice(("/usr/bin/systemctl restart nginx", "/usr/bin/journalctl -u ssh",
                            "/usr/bin/apt-get upgrade")))]
        else:
            lines = ["%s %s systemd-logind[612]: New session %d of user %s." % (
                clock.tick(), host, pid % 5000, rnd.choice(STAFF))]
        for line in lines:
            yield line + "\n"
        # Let the clock move on between sessions, not inside them.
        clock.tick()


def write_log(path, lines, megabytes):
    """Writes lines until the file holds at least `megabytes` MB (10^6 bytes)."""
    target, written = megabytes * 1000000, 0
    with open(path + ".tmp", "w", encoding="ascii") as f:
        chunk = []
        for line in lines:
            chunk.append(line)
            if len(chunk) == 20000:
                text = "".join(chunk)
                f.write(text)
                written += len(text)
                chunk = []
                if written >= target:
                    break
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("--access-mb", type=int, default=640)
    parser.add_argument("--auth-mb", type=int, default=440)
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    pools = Pools(random.Random(args.seed))
    pools.write_lists(args.outdir)
    write_log(os.path.join(args.outdir, "access.log"),
              access_lines(random.Random(args.seed + 1), pools), args.access_mb)
    write_log(os.path.join(args.outdir, "auth.log"),
              auth_lines(random.Random(args.seed + 2), pools, "bastion"), args.auth_mb)


if __name__ == "__main__":
    main()
