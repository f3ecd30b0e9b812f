// BlockMode: read the inputs, check every address, plan per host, and with --apply execute each
// host's batch (hosts in parallel) and record what was done.
#include <bitset>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "input_reader.h"
#include "run_context.h"
#include "seckit/diag.h"

namespace seckit::fw_block {
namespace {

// What is blocked on one host, to find renewals and overlapping networks (nft keeps networks in
// interval sets, which refuse overlapping elements; single addresses live in hash sets apart).
class BlockedSet {
 public:
  void Add(const Cidr& c) {
    all_.insert(c);
    if (c.IsHost()) return;
    nets_.insert(c);
    lengths_[c.is_v4() ? 0 : 1].set(static_cast<size_t>(c.prefix_len()));
  }
  bool Has(const Cidr& c) const { return all_.count(c) != 0; }
  // A blocked network other than the network `c` that overlaps it, or nullopt (always for hosts).
  std::optional<Cidr> Overlap(const Cidr& c) const {
    if (c.IsHost()) return std::nullopt;
    const int family = c.is_v4() ? 0 : 1;
    for (int len = 0; len <= c.prefix_len(); ++len) {  // networks containing c
      if (!lengths_[family].test(static_cast<size_t>(len))) continue;
      const Cidr wider = *Cidr::Make(c.network(), len);
      if (wider != c && nets_.count(wider)) return wider;
    }
    // networks inside c: they sort right after it
    for (auto it = nets_.lower_bound(c); it != nets_.end() && c.Contains(it->network()); ++it) {
      if (*it != c) return *it;
    }
    return std::nullopt;
  }

 private:
  std::unordered_set<Cidr> all_;
  std::set<Cidr> nets_;
  std::bitset<129> lengths_[2];  // network prefix lengths present, per family
};

struct HostPlan {
  Target target;
  std::vector<Action> actions;
  std::vector<BlockEntry> entries;
  Status status;
  // After a failed change on a backend that is not atomic: what the live firewall holds (read
  // back at `read_back`), with the seconds each entry has left (-1: no timeout), or nullopt when
  // it could not be read.
  std::optional<std::unordered_map<Cidr, int64_t>> in_force;
  TimeNs read_back = 0;
};

// Reads back what `plan`'s target holds after its change failed part-way.
void ReadBackInForce(const RunContext& ctx, HostPlan& plan) {
  Result<std::vector<std::string>> outputs = ListOutputs(plan.target, ctx.backend->ListLive());
  if (!outputs.ok()) return;
  Result<std::vector<Backend::LiveEntry>> live = ctx.backend->ParseLive(*outputs);
  if (!live.ok()) return;
  plan.read_back = Now();
  plan.in_force.emplace();
  for (const Backend::LiveEntry& entry : *live) plan.in_force->emplace(entry.cidr, entry.expires_in);
}

Action BaseAction(const RunContext& ctx, const Target& target, const Candidate& c) {
  Action a;
  a.cidr = c.cidr;
  a.reason = ctx.options.reason.empty() ? c.reason : ctx.options.reason;
  a.source = c.source;
  a.record = c.record;
  a.backend = std::string(ctx.backend->name());
  a.host = target.ssh_destination;
  return a;
}

void PlanHost(const RunContext& ctx, const std::vector<Candidate>& candidates, SafetyPolicy policy,
              HostPlan& plan) {
  if (plan.target.remote()) {
    plan.status = ProtectRemote(plan.target, policy);
    if (!plan.status.ok()) {  // per-host results: each address says this host was not done
      for (const Candidate& c : candidates) {
        Action a = BaseAction(ctx, plan.target, c);
        a.kind = "skip";
        a.reason = "the host could not be reached";
        a.error = plan.status.message();
        plan.actions.push_back(std::move(a));
      }
      return;
    }
  }
  const std::string backend(ctx.backend->name());
  BlockedSet blocked;
  for (const StateEntry& e : ctx.state.entries()) {
    if (e.backend == backend && e.host == plan.target.ssh_destination && !e.Expired(ctx.now)) {
      blocked.Add(e.cidr);
    }
  }
  std::vector<std::vector<std::string>> commands;
  for (const std::vector<std::string>& argv : ctx.backend->DataCommands()) {
    commands.push_back(plan.target.Wrap(argv));
  }
  for (const Candidate& c : candidates) {
    Action a = BaseAction(ctx, plan.target, c);
    std::optional<std::string> refusal = policy.Check(c.cidr);
    const bool refresh = blocked.Has(c.cidr);
    if (!refusal && !refresh && !ctx.backend->allows_overlap()) {
      if (std::optional<Cidr> other = blocked.Overlap(c.cidr)) {
        refusal = "overlaps " + AddressText(*other) + ", blocked already";
      }
    }
    if (refusal) {
      a.kind = "skip";
      a.reason = *refusal;
      plan.actions.push_back(std::move(a));
      continue;
    }
    a.kind = "block";
    a.ttl = ctx.ttl;
    if (ctx.ttl > 0) a.expires = ctx.now + ctx.ttl * kNsPerSecond;
    BlockEntry entry{c.cidr, ctx.ttl, refresh};
    a.commands = commands;
    a.input = ctx.backend->BlockLines(entry);
    plan.entries.push_back(entry);
    plan.actions.push_back(std::move(a));
    blocked.Add(c.cidr);
  }
  if (ctx.options.apply && !plan.entries.empty()) {
    plan.status = ExecuteCommands(plan.target, ctx.backend->Block(plan.entries));
    if (!plan.status.ok() && !ctx.backend->atomic()) ReadBackInForce(ctx, plan);
  }
}

// When `plan`'s change failed and the read-back firewall holds `cidr`: the expiry it has there
// (0: none), which is what the state must say, since the failure may have come before this run
// renewed an earlier block's timeout.
std::optional<TimeNs> InForceExpiry(const HostPlan& plan, const Cidr& cidr) {
  if (!plan.in_force) return std::nullopt;
  auto live = plan.in_force->find(cidr);
  if (live == plan.in_force->end()) return std::nullopt;
  return live->second < 0 ? 0 : plan.read_back + live->second * kNsPerSecond;
}

std::string StateKey(std::string_view backend, std::string_view host, const Cidr& cidr) {
  std::string key(backend);
  key += '\0';
  key += host;
  key += '\0';
  cidr.AppendTo(key);
  return key;
}

// Adds or renews the state entry of each applied block (one index, so 100,000 blocks stay fast).
void RecordInState(RunContext& ctx, const std::vector<HostPlan>& plans) {
  std::unordered_map<std::string, size_t> index;
  std::vector<StateEntry>& entries = ctx.state.entries();
  for (size_t i = 0; i < entries.size(); ++i) {
    index.emplace(StateKey(entries[i].backend, entries[i].host, entries[i].cidr), i);
  }
  for (const HostPlan& plan : plans) {
    for (const Action& a : plan.actions) {
      if (!a.applied) continue;
      StateEntry e{a.cidr, a.backend, a.host, ctx.now, a.expires, a.reason, a.source, a.record};
      auto [it, inserted] = index.emplace(StateKey(a.backend, a.host, a.cidr), entries.size());
      if (inserted) {
        entries.push_back(std::move(e));
      } else {
        e.added = entries[it->second].added;
        entries[it->second] = std::move(e);
      }
    }
  }
}

Status ReadAll(RunContext& ctx, CandidateList& candidates) {
  InputSettings settings;
  settings.format = ctx.options.input_format == "json"   ? InputFormat::kJson
                    : ctx.options.input_format == "list" ? InputFormat::kList
                                                         : InputFormat::kAuto;
  for (const std::string& f : ctx.options.fields.empty() ? DefaultFields() : ctx.options.fields) {
    settings.fields.emplace_back(f);
  }
  settings.min_score = ctx.options.min_score;
  settings.min_verdict_rank = ctx.options.verdict.empty() ? -1 : VerdictRank(ctx.options.verdict);
  settings.stop_after = static_cast<size_t>(ctx.options.max);
  InputCounts counts;
  std::vector<std::string> inputs = ctx.options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  int missing = 0;
  for (const std::string& path : inputs) {
    Status s = ReadCandidates(path, settings, ctx.io.diag, candidates, counts);
    if (s.ok()) continue;
    // A missing input is reported and the others read; too many addresses or --strict stop all.
    if (s.code() != ExitCode::kNoInput) return s;
    ctx.io.diag.Error(s.message());
    ++missing;
  }
  if (counts.below_threshold > 0) {
    ctx.io.diag.Note(std::to_string(counts.below_threshold) +
                     " addresses below the --min-score/--verdict threshold");
  }
  if (missing > 0) {
    return Status::NoInput(std::to_string(missing) + " of " + std::to_string(inputs.size()) +
                           " inputs could not be opened");
  }
  return Status::Ok();
}

}  // namespace

Status BlockMode(RunContext& ctx) {
  CandidateList candidates;
  Status input_status = ReadAll(ctx, candidates);
  if (!input_status.ok() && input_status.code() != ExitCode::kNoInput) return input_status;
  Result<SafetyPolicy> policy = LocalSafetyPolicy(ctx.options, ctx.io.config);
  if (!policy.ok()) return policy.status();

  std::vector<HostPlan> plans(ctx.targets.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < ctx.targets.size(); ++i) {
    plans[i].target = ctx.targets[i];
    if (ctx.targets.size() == 1) {
      PlanHost(ctx, candidates.items(), *policy, plans[i]);
    } else {
      threads.emplace_back([&, i] { PlanHost(ctx, candidates.items(), *policy, plans[i]); });
    }
  }
  for (std::thread& t : threads) t.join();

  ExitCode host_failure = ExitCode::kOk;
  int failed_hosts = 0;
  bool state_changed = false;
  for (HostPlan& plan : plans) {
    if (!plan.status.ok()) {
      ctx.io.diag.Error(plan.status.message());
      if (failed_hosts++ == 0) host_failure = plan.status.code();
    }
    ctx.EmitText(plan.target,
                 plan.entries.empty() ? std::vector<Command>{} : ctx.backend->Block(plan.entries));
    for (Action& a : plan.actions) {
      if (a.kind == "block" && ctx.options.apply) {
        // A failed change of a non-atomic backend may have applied part of the addresses: those
        // the live firewall holds are reported (and recorded) as applied, the others not.
        if (plan.status.ok()) {
          a.applied = true;
          state_changed = true;
        } else if (std::optional<TimeNs> expires = InForceExpiry(plan, a.cidr)) {
          a.applied = true;  // the change failed after this address went in
          a.expires = *expires;
          state_changed = true;
        } else {
          a.error = plan.status.message();
        }
      }
      ctx.Emit(a);
      if (!ctx.io.out.healthy()) break;
    }
  }
  if (state_changed) {
    RecordInState(ctx, plans);
    SECKIT_RETURN_IF_ERROR(ctx.state.Save());
  }
  if (failed_hosts > 0) {
    const std::string what = ctx.targets.size() > 1
                                 ? std::to_string(failed_hosts) + " of " +
                                       std::to_string(ctx.targets.size()) + " hosts failed"
                                 : "the firewall change failed";
    return Status(host_failure, what + " (see above)");
  }
  return input_status;
}

}  // namespace seckit::fw_block
