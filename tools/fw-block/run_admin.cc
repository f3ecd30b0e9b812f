// The modes that work from the state file: --list, --verify, --unblock, --expire, --flush.
#include <map>
#include <unordered_map>

#include "candidate.h"
#include "run_context.h"
#include "seckit/diag.h"

namespace seckit::fw_block {
namespace {

bool Mine(const RunContext& ctx, const StateEntry& e, const Target& t) {
  return e.backend == ctx.backend->name() && e.host == t.ssh_destination;
}

// Removes, from the state, the entries `remove` marks; saves when any was removed.
Status DropFromState(RunContext& ctx, const std::vector<bool>& remove) {
  std::vector<StateEntry> kept;
  bool changed = false;
  for (size_t i = 0; i < ctx.state.entries().size(); ++i) {
    if (remove[i]) {
      changed = true;
    } else {
      kept.push_back(std::move(ctx.state.entries()[i]));
    }
  }
  ctx.state.entries() = std::move(kept);
  return changed && ctx.options.apply ? ctx.state.Save() : Status::Ok();
}

// Runs `commands` on `target` when applying; marks the actions and returns the outcome.
Status ApplyActions(RunContext& ctx, const Target& target, const std::vector<Command>& commands,
                    std::vector<Action>& actions) {
  ctx.EmitText(target, commands);
  Status status;
  if (ctx.options.apply && !actions.empty()) status = ExecuteCommands(target, commands);
  for (Action& a : actions) {
    if (ctx.options.apply) {
      a.applied = status.ok();
      if (!status.ok()) a.error = status.message();
    }
    ctx.Emit(a);
  }
  return status;
}

// The argv of the commands that unblock `cidr` on `t` (for fw.commands).
std::vector<std::vector<std::string>> UnblockArgv(const Backend& backend, const Target& t,
                                                  const Cidr& cidr) {
  std::vector<std::vector<std::string>> argvs;
  for (const Command& c : backend.Unblock({cidr})) {
    if (!c.argv.empty()) argvs.push_back(t.Wrap(c.argv));
  }
  return argvs;
}

Action MakeAction(const RunContext& ctx, const Target& t, const char* kind, const Cidr& cidr,
                  std::string reason) {
  Action a;
  a.kind = kind;
  a.cidr = cidr;
  a.reason = std::move(reason);
  a.backend = std::string(ctx.backend->name());
  a.host = t.ssh_destination;
  a.commands = UnblockArgv(*ctx.backend, t, cidr);
  a.input = ctx.backend->UnblockLines(cidr);
  return a;
}

// Folds per-host outcomes into the run's: the first failure's code, a summary message.
Status Summarize(const RunContext& ctx, const std::vector<Status>& outcomes) {
  int failed = 0;
  ExitCode code = ExitCode::kOk;
  for (const Status& s : outcomes) {
    if (s.ok()) continue;
    ctx.io.diag.Error(s.message());
    if (failed++ == 0) code = s.code();
  }
  if (failed == 0) return Status::Ok();
  return Status(code, std::to_string(failed) + " of " + std::to_string(outcomes.size()) +
                          (outcomes.size() == 1 ? " target failed" : " targets failed") +
                          " (see above)");
}

}  // namespace

Status ListMode(RunContext& ctx) {
  JsonWriter w(ctx.io.out);
  for (const StateEntry& e : ctx.state.entries()) {
    WriteStateRecord(w, e, ctx.now, "", -1);
    if (!ctx.io.out.healthy()) break;
  }
  return Status::Ok();
}

Status UnblockMode(RunContext& ctx) {
  std::vector<Cidr> cidrs;
  for (const std::string& text : ctx.options.unblock) {
    std::string why;
    std::optional<Cidr> c = ParseBlockTarget(text, why);
    if (!c) return Status::Usage("--unblock \"" + text + "\" is " + why);
    cidrs.push_back(*c);
  }
  std::vector<bool> remove(ctx.state.entries().size(), false);
  std::vector<Status> outcomes;
  for (const Target& t : ctx.targets) {
    std::vector<Action> actions;
    for (const Cidr& c : cidrs) {
      const long i = FindState(ctx.state, ctx.backend->name(), t.ssh_destination, c);
      std::string reason = ctx.options.reason.empty() ? "--unblock" : ctx.options.reason;
      if (i < 0) reason += " (not in the state file)";
      actions.push_back(MakeAction(ctx, t, "unblock", c, reason));
      if (i >= 0) remove[static_cast<size_t>(i)] = true;
    }
    outcomes.push_back(ApplyActions(ctx, t, ctx.backend->Unblock(cidrs), actions));
    if (!outcomes.back().ok()) {  // keep the state of hosts where the unblock failed
      for (const Cidr& c : cidrs) {
        const long i = FindState(ctx.state, ctx.backend->name(), t.ssh_destination, c);
        if (i >= 0) remove[static_cast<size_t>(i)] = false;
      }
    }
  }
  SECKIT_RETURN_IF_ERROR(DropFromState(ctx, remove));
  return Summarize(ctx, outcomes);
}

Status ExpireMode(RunContext& ctx) {
  // Every expired entry, whatever its backend and host: group them so each firewall gets one
  // batch. Native timeouts already removed them from the firewall: only the state is updated.
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> groups;
  for (size_t i = 0; i < ctx.state.entries().size(); ++i) {
    const StateEntry& e = ctx.state.entries()[i];
    if (e.Expired(ctx.now)) groups[{e.backend, e.host}].push_back(i);
  }
  std::vector<bool> remove(ctx.state.entries().size(), false);
  std::vector<Status> outcomes;
  for (const auto& [key, indices] : groups) {
    std::unique_ptr<Backend> backend = MakeBackend(key.first);
    if (!backend) continue;  // a backend this version does not know: leave it
    const Target target{key.second, ctx.options.ssh_config};
    std::vector<Action> actions;
    std::vector<Cidr> cidrs;
    for (size_t i : indices) {
      const StateEntry& e = ctx.state.entries()[i];
      Action a;
      a.kind = "expire";
      a.cidr = e.cidr;
      a.backend = key.first;
      a.host = key.second;
      a.expires = e.expires;
      a.source = e.source;
      a.reason =
          backend->native_timeout() ? "TTL passed (the firewall dropped it itself)" : "TTL passed";
      if (!backend->native_timeout() && backend->executes()) {
        a.commands = UnblockArgv(*backend, target, e.cidr);
        a.input = backend->UnblockLines(e.cidr);
        cidrs.push_back(e.cidr);
      }
      actions.push_back(std::move(a));
    }
    std::vector<Command> commands;
    if (!cidrs.empty()) commands = backend->Unblock(cidrs);
    Status s;
    if (ctx.options.apply && !commands.empty()) s = ExecuteCommands(target, commands);
    ctx.EmitText(target, commands);
    for (Action& a : actions) {
      a.applied = ctx.options.apply && s.ok();
      if (!s.ok()) a.error = s.message();
      ctx.Emit(a);
    }
    if (s.ok()) {
      for (size_t i : indices) remove[i] = true;
    }
    outcomes.push_back(s);
  }
  SECKIT_RETURN_IF_ERROR(DropFromState(ctx, remove));
  return Summarize(ctx, outcomes);
}

Status FlushMode(RunContext& ctx) {
  std::vector<bool> remove(ctx.state.entries().size(), false);
  std::vector<Status> outcomes;
  for (const Target& t : ctx.targets) {
    std::vector<Action> actions;
    for (size_t i = 0; i < ctx.state.entries().size(); ++i) {
      const StateEntry& e = ctx.state.entries()[i];
      if (!Mine(ctx, e, t)) continue;
      Action a = MakeAction(ctx, t, "unblock", e.cidr, "--flush");
      a.commands.clear();
      a.input.clear();
      for (const Command& c : ctx.backend->Flush()) {
        if (!c.argv.empty()) a.commands.push_back(t.Wrap(c.argv));
      }
      actions.push_back(std::move(a));
      remove[i] = true;
    }
    // The flush runs even when the state knows of nothing: it also clears what it lost track of.
    std::vector<Command> commands = ctx.backend->Flush();
    ctx.EmitText(t, commands);
    Status s;
    if (ctx.options.apply) s = ExecuteCommands(t, commands);
    for (Action& a : actions) {
      a.applied = ctx.options.apply && s.ok();
      if (!s.ok()) a.error = s.message();
      ctx.Emit(a);
    }
    if (!s.ok()) {
      for (size_t i = 0; i < ctx.state.entries().size(); ++i) {
        if (Mine(ctx, ctx.state.entries()[i], t)) remove[i] = false;
      }
    }
    outcomes.push_back(s);
  }
  SECKIT_RETURN_IF_ERROR(DropFromState(ctx, remove));
  return Summarize(ctx, outcomes);
}

Status VerifyMode(RunContext& ctx) {
  JsonWriter w(ctx.io.out);
  std::vector<Status> outcomes;
  size_t drift = 0;
  for (const Target& t : ctx.targets) {
    const std::vector<Command> listing = ctx.backend->ListLive();
    if (listing.empty()) {
      return Status::Usage("--verify: the " + std::string(ctx.backend->name()) +
                           " backend cannot read the live firewall");
    }
    Result<std::vector<std::string>> outputs = ListOutputs(t, listing);
    if (!outputs.ok()) {
      outcomes.push_back(outputs.status());
      continue;
    }
    Result<std::vector<Backend::LiveEntry>> live = ctx.backend->ParseLive(*outputs);
    if (!live.ok()) {
      outcomes.push_back(live.status());
      continue;
    }
    std::unordered_map<Cidr, int64_t> live_set;
    for (const Backend::LiveEntry& l : *live) live_set.emplace(l.cidr, l.expires_in);
    for (const StateEntry& e : ctx.state.entries()) {
      if (!Mine(ctx, e, t) || e.Expired(ctx.now)) continue;
      auto it = live_set.find(e.cidr);
      if (it == live_set.end()) {
        WriteStateRecord(w, e, ctx.now, "missing", -1);
        ++drift;
      } else {
        WriteStateRecord(w, e, ctx.now, "none", it->second);
        live_set.erase(it);
      }
    }
    for (const auto& [cidr, expires_in] : live_set) {
      StateEntry unknown{cidr, std::string(ctx.backend->name()), t.ssh_destination, 0, 0, "", "",
                         ""};
      WriteStateRecord(w, unknown, ctx.now, "unexpected", expires_in);
      ++drift;
    }
  }
  SECKIT_RETURN_IF_ERROR(Summarize(ctx, outcomes));
  if (drift > 0) {
    return Status(ExitCode::kNothingFound,
                  std::to_string(drift) + " differences between the state file and the firewall");
  }
  return Status::Ok();
}

}  // namespace seckit::fw_block
