// ResumeState::Plan: matching inputs and their rotated siblings to state entries, and deciding
// what to read from where (the rules are in resume_state.h).
#include <dirent.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "resume_internal.h"
#include "resume_state.h"
#include "rotated_name.h"

namespace seckit::log_grep {
namespace {

using resume::Probe;
using SetKey = std::pair<std::string, std::string>;  // absolute directory, rotation base

enum class Match { kNone, kSameFile, kSameContent, kCopy, kDuplicate };

struct Candidate {
  std::string path;    // to open and to show
  std::string name;    // file name, for the rotation order
  bool named = false;  // named by the caller (not a sibling found here)
  Probe probe;
  Match match = Match::kNone;
  int entry = -1;
};

struct RotationSet {
  SetKey key;
  std::string shown_dir;  // the directory as the first input wrote it: "", "logs/", "/var/log/"
  std::vector<Candidate> members;
};

class Planner {
 public:
  Planner(std::vector<StateEntry>& entries, Diagnostics& diag)
      : entries_(entries), diag_(diag), claimed_(entries.size(), false) {}

  void AddInput(const std::string& input);
  void AddSiblings();
  void MarkDuplicates();
  void MatchSameFiles();
  void MatchSameContent();
  std::vector<ReadPlan> Emit();
  std::vector<bool> TouchedEntries() const;
  const std::vector<bool>& claimed() const { return claimed_; }

 private:
  void EmitSet(RotationSet& set, std::vector<ReadPlan>& plans);
  template <typename F>
  void ForEachCandidate(F f) {
    for (RotationSet& set : sets_) {
      for (Candidate& c : set.members) f(c);
    }
  }

  std::vector<StateEntry>& entries_;
  Diagnostics& diag_;
  std::vector<bool> claimed_;
  std::vector<RotationSet> sets_;
  std::map<SetKey, size_t> set_of_key_;
  std::vector<size_t> slots_;  // sets_ index, or kStdin, in the order inputs came
  static constexpr size_t kStdin = static_cast<size_t>(-1);
};

void Planner::AddInput(const std::string& input) {
  if (input == "-") {
    slots_.push_back(kStdin);
    return;
  }
  std::string absolute = resume::AbsolutePath(input);
  SetKey key = resume::RotationSetOf(absolute);
  auto [it, inserted] = set_of_key_.try_emplace(key, sets_.size());
  if (inserted) {
    size_t slash = input.rfind('/');
    sets_.push_back({key, slash == std::string::npos ? "" : input.substr(0, slash + 1), {}});
    slots_.push_back(it->second);
  }
  Candidate candidate;
  candidate.path = input;
  candidate.name = std::filesystem::path(absolute).filename().string();
  candidate.named = true;
  candidate.probe = resume::ProbeFile(input);
  sets_[it->second].members.push_back(std::move(candidate));
}

// For every set the state knows files of, adds the set's other files in its directory, then
// orders each set oldest first and drops siblings newer than the newest named member.
void Planner::AddSiblings() {
  std::set<SetKey> known;
  for (const StateEntry& entry : entries_) known.insert(resume::RotationSetOf(entry.path));
  for (RotationSet& set : sets_) {
    if (known.count(set.key) > 0) {
      DIR* dir = opendir(set.key.first.c_str());
      std::vector<std::string> names;
      while (dir != nullptr) {
        struct dirent* found = readdir(dir);
        if (found == nullptr) break;
        std::string name = found->d_name;
        if (ParseRotatedName(name).base == set.key.second) names.push_back(std::move(name));
      }
      if (dir != nullptr) closedir(dir);
      for (const std::string& name : names) {
        auto same_name = [&](const Candidate& c) { return c.name == name; };
        if (std::any_of(set.members.begin(), set.members.end(), same_name)) continue;
        Candidate sibling;
        sibling.path = set.shown_dir + name;
        sibling.name = name;
        sibling.probe = resume::ProbeFile(sibling.path);
        if (sibling.probe.ok) set.members.push_back(std::move(sibling));
      }
    }
    std::stable_sort(
        set.members.begin(), set.members.end(),
        [](const Candidate& a, const Candidate& b) { return RotatedBefore(a.name, b.name); });
    auto newest_named = std::find_if(set.members.rbegin(), set.members.rend(),
                                     [](const Candidate& c) { return c.named; });
    set.members.erase(newest_named.base(), set.members.end());
  }
}

// A file reached twice (named twice, through a symlink, or a hard link) is read once: named
// files first, then siblings, each in reading order.
void Planner::MarkDuplicates() {
  std::set<std::pair<uint64_t, uint64_t>> seen;
  for (bool named_pass : {true, false}) {
    ForEachCandidate([&](Candidate& c) {
      if (c.named != named_pass || !c.probe.ok) return;
      if (!seen.insert({c.probe.identity.dev, c.probe.identity.inode}).second) {
        c.match = Match::kDuplicate;
      }
    });
  }
}

// Rule 1: same device and inode, same first bytes, not shorter than the offset reached.
void Planner::MatchSameFiles() {
  ForEachCandidate([&](Candidate& c) {
    const FileIdentity& id = c.probe.identity;
    if (c.match != Match::kNone || !c.probe.ok || id.compressed) return;
    for (size_t i = 0; i < entries_.size(); ++i) {
      const StateEntry& e = entries_[i];
      if (claimed_[i] || e.identity.compressed || e.identity.dev != id.dev ||
          e.identity.inode != id.inode || id.size < e.offset ||
          !resume::FingerprintMatches(e.identity, c.probe.head)) {
        continue;
      }
      claimed_[i] = true;
      c.match = Match::kSameFile;
      c.entry = static_cast<int>(i);
      return;
    }
  });
}

// Rule 2: the same first bytes under another inode (a copy, a compressed rotation). An entry
// already claimed makes the file a copy of content being followed.
void Planner::MatchSameContent() {
  ForEachCandidate([&](Candidate& c) {
    const FileIdentity& id = c.probe.identity;
    if (c.match != Match::kNone || !c.probe.ok) return;
    int best = -1, copy_of = -1;
    for (size_t i = 0; i < entries_.size(); ++i) {
      const StateEntry& e = entries_[i];
      bool same_inode = !id.compressed && !e.identity.compressed && e.identity.dev == id.dev &&
                        e.identity.inode == id.inode;  // that file, truncated: not a copy
      if (e.identity.fingerprint_length == 0 || same_inode ||
          (!id.compressed && id.size < e.offset) ||
          !resume::FingerprintMatches(e.identity, c.probe.head)) {
        continue;
      }
      if (claimed_[i]) {
        copy_of = static_cast<int>(i);
      } else if (best < 0 || e.identity.fingerprint_length >
                                 entries_[static_cast<size_t>(best)].identity.fingerprint_length) {
        best = static_cast<int>(i);  // the longest fingerprint is the most specific
      }
    }
    if (best >= 0) {
      claimed_[static_cast<size_t>(best)] = true;
      c.match = Match::kSameContent;
      c.entry = best;
    } else if (copy_of >= 0) {
      c.match = Match::kCopy;
      c.entry = copy_of;
    }
  });
}

ReadPlan PlanFor(const Candidate& c, const StateEntry* entry) {
  ReadPlan plan;
  plan.path = c.path;
  plan.tracked = true;
  plan.rotated = !c.named;
  plan.final = c.probe.identity.compressed;
  plan.identity = c.probe.identity;
  if (entry != nullptr) {
    plan.start_offset = entry->offset;
    plan.start_line = entry->line;
    plan.entry = c.entry;
  }
  return plan;
}

void Planner::EmitSet(RotationSet& set, std::vector<ReadPlan>& plans) {
  int newest_matched = -1;
  for (size_t k = 0; k < set.members.size(); ++k) {
    Match m = set.members[k].match;
    if (m == Match::kSameFile || m == Match::kSameContent || m == Match::kCopy) {
      newest_matched = static_cast<int>(k);
    }
  }
  for (size_t k = 0; k < set.members.size(); ++k) {
    const Candidate& c = set.members[k];
    const StateEntry* entry = c.entry >= 0 ? &entries_[static_cast<size_t>(c.entry)] : nullptr;
    const FileIdentity& id = c.probe.identity;
    // A match other than kDuplicate is set together with its state entry; were one ever set
    // alone, the file is treated as unmatched (read from its start), which loses nothing.
    const Match match = entry == nullptr && c.match != Match::kDuplicate ? Match::kNone : c.match;
    switch (match) {
      case Match::kDuplicate:
        diag_.Note("the same file as another input: read once", c.path);
        break;
      case Match::kCopy:
        diag_.Note("a copy of " + entry->path + ", which is read instead: skipped", c.path);
        break;
      case Match::kSameFile:
        if (c.named || id.size > entry->offset) plans.push_back(PlanFor(c, entry));
        break;
      case Match::kSameContent:
        if (id.compressed && entry->complete) {
          diag_.Note("already read in full by an earlier run: skipped", c.path);
        } else if (c.named || id.compressed || id.size > entry->offset) {
          if (!c.named) {
            diag_.Note("reading the rest of " + entry->path + " from offset " +
                           std::to_string(entry->offset) + " in its rotated form",
                       c.path);
          }
          plans.push_back(PlanFor(c, entry));
        }
        break;
      case Match::kNone:
        if (!c.probe.ok) {
          ReadPlan plan;  // cannot be opened or is not a regular file: reading it will tell
          plan.path = c.path;
          plan.final = true;
          plans.push_back(std::move(plan));
        } else if (c.named) {
          plans.push_back(PlanFor(c, nullptr));
        } else if (newest_matched >= 0 && static_cast<int>(k) > newest_matched) {
          diag_.Note("rotated in full since the last run: read from its start", c.path);
          plans.push_back(PlanFor(c, nullptr));
        }
        break;
    }
  }
}

std::vector<ReadPlan> Planner::Emit() {
  std::vector<ReadPlan> plans;
  for (size_t slot : slots_) {
    if (slot == kStdin) {
      ReadPlan plan;
      plan.path = "-";
      plan.final = true;
      plans.push_back(std::move(plan));
    } else {
      EmitSet(sets_[slot], plans);
    }
  }
  // Entries of the inputs' rotation sets that no file claimed are gone.
  std::vector<bool> touched = TouchedEntries();
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (!touched[i] || claimed_[i]) continue;
    const StateEntry& e = entries_[i];
    std::string name = std::filesystem::path(e.path).filename().string();
    if (ParseRotatedName(name).kind == RotatedName::Kind::kLive) {
      diag_.Warning("the file read up to offset " + std::to_string(e.offset) + " (line " +
                        std::to_string(e.line) +
                        ") was rotated away or truncated and is not found beside it; lines "
                        "written after that offset may be lost",
                    e.path);
    } else {
      diag_.Note("rotated file no longer present: forgotten", e.path);
    }
  }
  // A claimed entry is kept even when its file is not read again; it now lives at its new name.
  ForEachCandidate([&](const Candidate& c) {
    if (c.match == Match::kSameFile || c.match == Match::kSameContent) {
      entries_[static_cast<size_t>(c.entry)].path = resume::AbsolutePath(c.path);
    }
  });
  return plans;
}

std::vector<bool> Planner::TouchedEntries() const {
  std::vector<bool> touched(entries_.size(), false);
  for (size_t i = 0; i < entries_.size(); ++i) {
    touched[i] = set_of_key_.count(resume::RotationSetOf(entries_[i].path)) > 0;
  }
  return touched;
}

}  // namespace

std::vector<ReadPlan> ResumeState::Plan(const std::vector<std::string>& inputs, Diagnostics& diag) {
  Planner planner(entries_, diag);
  for (const std::string& input : inputs) planner.AddInput(input);
  planner.AddSiblings();
  planner.MarkDuplicates();
  planner.MatchSameFiles();
  planner.MatchSameContent();
  std::vector<ReadPlan> plans = planner.Emit();
  claimed_ = planner.claimed();
  in_touched_set_ = planner.TouchedEntries();
  return plans;
}

}  // namespace seckit::log_grep
