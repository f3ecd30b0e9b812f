// fw-block's command line and self-description: the one source of --help, the man page and the
// shell completions.
#include <CLI/CLI.hpp>
#include <memory>

#include "backend.h"
#include "options.h"

namespace seckit::fw_block {
namespace {

constexpr const char* kDescription =
    R"TEXT(fw-block turns verdicts into firewall blocks. It reads JSON-lines records (ioc-enrich's enriched records, anomaly-detect's alerts, any ECS source) or plain lists of addresses and CIDRs, checks every address against its safety rules, and prints the plan: one fw.action record per address (block or skip, with the reason) holding the exact commands. Nothing changes until --apply; then the commands run (one atomic batch per firewall), the state file records every active block and the audit log every action.

Safety: every address is validated and normalised first. Never blocked: loopback, link-local, multicast, broadcast and unspecified addresses; the host's own addresses; its default gateways; the peer of the SSH session fw-block runs in; with --ssh, each remote host and the address it is reached from; anything on the allowlist (--allow and the config key allow). Private ranges need --allow-private, CIDRs wider than /16 (IPv4) or /48 (IPv6) need --force-wide, and a CIDR is refused when it overlaps anything protected. More than --max distinct addresses aborts the run before anything changes. Nothing ever passes through a local shell: every command runs as an argument vector with its data on standard input.

Input: records when the first line starts with '{', else a plain list (one address or CIDR per line, # comments); --input-format forces either. From records the addresses are taken from the fields under --field (default source.ip, destination.ip, client.ip, server.ip, threat.indicator.ip). With --min-score or --verdict, an address is blocked only when one of the record's threat.enrichments about that address (indicator.ip, matched.atomic, or the feed CIDR ioc.matched_entry) reaches the threshold; a record without enrichments (an alert) passes --min-score by its event.risk_score. Host names are refused, never resolved.)TEXT";

constexpr const char* kBackends =
    R"TEXT(nft: table inet seckit with the interval sets block4 and block6 (flags timeout: the kernel drops each element when its TTL runs out) and input, forward and output chains dropping traffic from and to them; every change is one atomic `nft -f -` batch. --flush deletes the table.

ipset: hash:net sets seckit4 and seckit6 with timeouts, filled by one `ipset -exist restore` batch, and iptables/ip6tables rules (INPUT src, FORWARD src and dst, OUTPUT dst) inserted once each (checked with -C first). ipset restore is not atomic: when it fails part-way, fw-block reads the sets back and reports (and records in the state) exactly the addresses that are in force as applied. --flush removes the rules and destroys the sets.

pf: the table seckit, changed with `pfctl -t seckit -T add|delete -f -`; pf.conf needs `table <seckit> persist` and block rules using it. pf has no per-entry timeout: the state file drives --expire.

cisco-ios, cisco-asa: configuration snippets (an extended ACL SECKIT-BLOCK and IPv6 ACL SECKIT-BLOCK6; an object-group network SECKIT-BLOCK) to paste or push with a config tool; print: the addresses. These never execute (--apply is refused); --text prints the snippet.)TEXT";

constexpr const char* kState =
    R"TEXT(--state FILE (default $XDG_STATE_HOME/seckit/fw-block.state) holds one JSON line per active block: address, backend, host, added, expires, reason, source. A run that changes it holds an exclusive lock on FILE.lock and replaces the file atomically. --audit FILE (default fw-block-audit.jsonl beside it) gets every applied action's fw.action record appended.

--list prints the state as fw.state records; --verify compares it with the live firewall (nft -j list set, ipset save, pfctl -T show) and prints each difference with fw.drift "missing" or "unexpected" (exit status 1 when there is drift); --unblock ADDR removes blocks; --expire removes entries whose TTL passed (and, for backends without native timeouts, runs the unblock); --flush removes everything of fw-block's own on the firewall and from the state for that backend and host.)TEXT";

constexpr const char* kRemote =
    R"TEXT(--ssh DEST (repeatable: [USER@]HOST or ssh://[USER@]HOST[:PORT]) runs the backend's commands on each remote host, all hosts in parallel, through the system ssh client with BatchMode=yes (and -F FILE with --ssh-config), so ~/.ssh/config, the agent and known_hosts apply. Before planning, fw-block asks each host for its SSH_CONNECTION, its addresses (ip -o addr show) and its default gateways (/proc/net/route, /proc/net/ipv6_route; where the host has them) and never blocks any of those, nor the address the host sees the connection coming from. The addresses and gateways of the machine fw-block runs on are protected only when it changes its own firewall (without --ssh). Remote commands are fixed argument vectors, each argument quoted for the remote shell that ssh hands them to; the addresses travel on standard input. Results are per host (fw.host); one failing host does not stop the others, and the exit status is then 69.)TEXT";

constexpr const char* kMemory =
    R"TEXT(Memory is bounded by --max: fw-block keeps each distinct address or CIDR it is asked to block and stops reading, changing nothing, past --max of them; duplicates in the input cost nothing. A record line over 64 MiB is a bad line, and a line of a plain list is cut at 256 MiB. The state file and the commands sent to nft, ipset or iptables grow with the number of addresses blocked.)TEXT";

}  // namespace

ToolSpec MakeSpec() {
  auto options = std::make_shared<Options>();
  ToolSpec spec;
  spec.info.name = "fw-block";
  spec.info.summary = "turn verdicts into firewall blocks, safely, reversibly, locally or over SSH";
  spec.info.description = kDescription;
  spec.info.sections = {
      {"BACKENDS", kBackends},
      {"STATE, AUDIT AND UNDO", kState},
      {"REMOTE HOSTS", kRemote},
      {"MEMORY", kMemory}};
  spec.info.examples = {
      {"ioc-enrich --feed bad.txt flows.jsonl | fw-block --min-score 80",
       "The plan: which addresses would be blocked (or skipped, and why), with the nft commands."},
      {"ioc-enrich --feed bad.txt flows.jsonl | fw-block --min-score 80 --ttl 24h --apply",
       "Block them for a day in one atomic nft batch."},
      {"fw-block --list", "What is blocked now, by whom and until when."},
      {"fw-block --unblock 203.0.113.7 --apply", "Undo one block."},
      {"fw-block --expire --apply", "From cron: forget blocks whose TTL passed."},
      {"fw-block --backend ipset --ssh admin@fw1 --ssh admin@fw2 --apply < ips.txt",
       "Block a plain list on two remote firewalls at once."},
      {"fw-block --backend cisco-ios --text < ips.txt > acl.txt", "An ACL snippet for a router."},
  };
  spec.info.exit_status_notes =
      "1 when --verify found drift between the state and the firewall; 65 when an input line was "
      "not a record or address (the rest was processed) or more than --max addresses were asked "
      "for (nothing changed); 69 when a firewall command or a remote host failed (the other hosts "
      "were still done); 77 when the firewall refused for lack of privilege.";
  spec.info.see_also = {"ioc-enrich(1)", "anomaly-detect(1)", "seckit-format(7)", "nft(8)",
                        "ipset(8)",      "iptables(8)",       "pfctl(8)",         "ssh(1)"};
  spec.define = [options](CLI::App& app) {
    app.add_option("inputs", options->inputs,
                   "Records or address lists to block (- is standard input, the default)")
        ->type_name("FILE");
    app.add_option("--input-format", options->input_format, "How to read the inputs")
        ->check(CLI::IsMember({"auto", "json", "list"}))
        ->capture_default_str();
    app.add_option("--field", options->fields,
                   "Take addresses from record field PATH instead of the default list (repeatable)")
        ->type_name("PATH")
        ->allow_extra_args(false);
    app.add_option("--min-score", options->min_score,
                   "Block an address only when its ioc.score (or the alert's risk score) reaches N")
        ->type_name("N")
        ->check(CLI::Range(0, 100));
    app.add_option("--verdict", options->verdict,
                   "Block an address only when its ioc.verdict is at least this bad")
        ->check(CLI::IsMember({"malicious", "suspicious"}));
    app.add_option("--backend", options->backend, "The firewall to drive")
        ->check(CLI::IsMember(BackendNames()))
        ->capture_default_str();
    app.add_flag("--apply", options->apply, "Execute the plan (default: only print it)");
    app.add_flag("--text", options->text,
                 "Print the commands' input (nft batch, ACL snippet ...) instead of records");
    app.add_option("--ttl", options->ttl, "Unblock after DURATION (90s, 30m, 24h, 7d, 1h30m)")
        ->type_name("DURATION");
    app.add_option("--allow", options->allow, "Never block anything overlapping CIDR (repeatable)")
        ->type_name("CIDR")
        ->allow_extra_args(false);
    app.add_flag("--allow-private", options->allow_private,
                 "Allow blocking private and shared ranges (RFC 1918, RFC 6598, fc00::/7)");
    app.add_flag("--force-wide", options->force_wide,
                 "Allow CIDRs wider than /16 (IPv4) or /48 (IPv6)");
    app.add_option("--max", options->max,
                   "Abort, changing nothing, when more than N distinct addresses are asked for")
        ->type_name("N")
        ->check(CLI::Range(int64_t{1}, int64_t{100'000'000}))
        ->capture_default_str();
    app.add_option("--ssh", options->ssh, "Apply on the remote host DEST over ssh (repeatable)")
        ->type_name("DEST")
        ->allow_extra_args(false);
    app.add_option("--ssh-config", options->ssh_config, "Pass -F FILE to ssh")->type_name("FILE");
    app.add_option("--state", options->state_path, "The state FILE of active blocks")
        ->type_name("FILE");
    app.add_option("--audit", options->audit_path, "Append every applied action to FILE")
        ->type_name("FILE");
    app.add_option("--reason", options->reason, "Record TEXT as the reason of every block")
        ->type_name("TEXT");
    app.add_flag("--list", options->list, "Print the active blocks from the state file");
    app.add_flag("--verify", options->verify, "Compare the state file with the live firewall");
    app.add_option("--unblock", options->unblock, "Remove the block of ADDR (repeatable)")
        ->type_name("ADDR")
        ->allow_extra_args(false);
    app.add_flag("--expire", options->expire, "Remove the blocks whose TTL has passed");
    app.add_flag("--flush", options->flush, "Remove everything fw-block added to this firewall");
  };
  spec.run = [options](Io& io) { return Run(*options, io); };
  return spec;
}

}  // namespace seckit::fw_block
