// Isolation Forest outliers: collecting vectors, training, scoring, explaining.
#include "outlier.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdio>

#include "robust_stats.h"

namespace seckit::anomaly_detect {
namespace {

// Fewer vectors than this say nothing about what is usual.
constexpr size_t kMinTraining = 32;

bool ByScore(const auto& a, const auto& b) { return a.score > b.score; }

// Wall and CPU time since a start, for the --verbose notes (the CPU time is what the work costs
// on a machine shared with other processes).
struct Stopwatch {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  double WallSeconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  }
  double CpuSeconds() const {
    return static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
  }
};

std::string Number(double v) {
  char text[32];
  (void)std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

// The forest is to find hosts doing more than usual, not less: a window with one DNS query and
// nothing else is easy to isolate but no threat. So every feature below the training median is
// raised to it, in training and in scoring, and only excess activity can isolate a vector.
void RaiseToMedian(std::span<double, kFeatureCount> v, const FeatureVector& median) {
  for (size_t f = 0; f < kFeatureCount; ++f) v[f] = std::max(v[f], median[f]);
}

}  // namespace

OutlierDetector::OutlierDetector(const Thresholds& t, AlertSink& sink, Diagnostics& diag)
    : t_(t),
      sink_(sink),
      diag_(diag),
      collector_(Seconds(t.outlier_window), static_cast<size_t>(t.max_entities),
                 [this](const HostWindow& h) { Collect(h); }) {}

Result<std::unique_ptr<OutlierDetector>> OutlierDetector::Make(const Thresholds& t,
                                                               AlertSink& sink, Diagnostics& diag,
                                                               const std::string& baseline,
                                                               std::string baseline_out) {
  std::unique_ptr<OutlierDetector> d(new OutlierDetector(t, sink, diag));
  d->baseline_out_ = std::move(baseline_out);
  if (!baseline.empty()) {
    Result<OutlierModel> model = LoadModel(baseline);
    if (!model.ok()) return model.status();
    if (model->window_seconds != t.outlier_window) {
      diag.Warning("the model was trained on " + Number(model->window_seconds) +
                   "-second windows, outlier.window is " + Number(t.outlier_window));
    }
    d->model_ = std::move(model.value());
    d->loaded_ = true;
  }
  return d;
}

void OutlierDetector::Collect(const HostWindow& h) {
  if (loaded_) {
    // Scored in blocks (IsolationForest::ScoreMany is faster than one by one).
    FeatureVector v = Transform(h.raw);
    RaiseToMedian(v, model_->median);
    windows_.push_back(h);
    rows_.insert(rows_.end(), v.begin(), v.end());
    if (windows_.size() >= kScoreBlock) ScorePending();
    return;
  }
  if (static_cast<double>(windows_.size()) >= t_.outlier_max_vectors) {
    ++dropped_;
    return;
  }
  windows_.push_back(h);
  const FeatureVector v = Transform(h.raw);
  rows_.insert(rows_.end(), v.begin(), v.end());
}

void OutlierDetector::ScorePending() {
  std::vector<double> scores(windows_.size());
  model_->forest.ScoreMany(rows_, scores);
  for (size_t i = 0; i < scores.size(); ++i) Keep(scores[i], windows_[i]);
  windows_.clear();
  rows_.clear();
}

void OutlierDetector::Keep(double score, const HostWindow& h) {
  if (score < t_.outlier_low || t_.outlier_top < 1) return;
  if (!kept_.empty() && kept_.size() >= static_cast<size_t>(t_.outlier_top) &&
      score <= kept_.front().score) {
    return;
  }
  if (Explain(h).empty()) return;  // isolated for doing less than usual
  auto greater = [](const Scored& a, const Scored& b) { return ByScore(a, b); };
  if (kept_.size() < static_cast<size_t>(t_.outlier_top)) {
    kept_.push_back({score, h});
    std::push_heap(kept_.begin(), kept_.end(), greater);
  } else if (score > kept_.front().score) {
    std::pop_heap(kept_.begin(), kept_.end(), greater);
    kept_.back() = {score, h};
    std::push_heap(kept_.begin(), kept_.end(), greater);
  }
}

void OutlierDetector::Train() {
  const size_t n = windows_.size();
  if (dropped_ > 0) {
    diag_.Warning("outlier: " + std::to_string(dropped_) +
                  " feature vectors beyond outlier.max_vectors were not used");
  }
  if (n < kMinTraining) {
    diag_.Note("outlier: " + std::to_string(n) + " feature vectors are too few to train on");
    if (!baseline_out_.empty()) {
      status_ = Status::DataError("too few feature vectors to train a model (" +
                                  std::to_string(n) + ", need " +
                                  std::to_string(kMinTraining) + ")");
    }
    return;
  }
  Stopwatch training;
  OutlierModel m;
  m.seed = static_cast<uint64_t>(t_.outlier_seed);
  m.window_seconds = t_.outlier_window;
  m.training_vectors = n;
  std::vector<double> column(n);
  for (size_t f = 0; f < kFeatureCount; ++f) {
    for (size_t i = 0; i < n; ++i) column[i] = rows_[i * kFeatureCount + f];
    m.median[f] = Median(column);
    for (size_t i = 0; i < n; ++i) column[i] = rows_[i * kFeatureCount + f];
    m.mad[f] = MedianAbsoluteDeviation(column, m.median[f]);
  }
  for (size_t i = 0; i < n; ++i) {
    RaiseToMedian(std::span<double, kFeatureCount>(rows_.data() + i * kFeatureCount, kFeatureCount),
                  m.median);
  }
  m.forest = IsolationForest::Train(rows_, kFeatureCount, static_cast<size_t>(t_.outlier_trees),
                                    static_cast<size_t>(t_.outlier_sample), m.seed);
  diag_.Note("outlier: trained on " + std::to_string(n) + " vectors in " +
             Number(training.WallSeconds()) + " s (" + Number(training.CpuSeconds()) + " s CPU)");
  model_ = std::move(m);
  Stopwatch scoring;
  std::vector<double> scores(n);
  model_->forest.ScoreMany(rows_, scores);
  for (size_t i = 0; i < n; ++i) Keep(scores[i], windows_[i]);
  const double wall = scoring.WallSeconds(), cpu = scoring.CpuSeconds();
  diag_.Note("outlier: scored " + std::to_string(n) + " vectors in " + Number(wall) + " s (" +
             Number(wall > 0 ? static_cast<double>(n) / wall : 0) + " vectors/s), " +
             Number(cpu) + " s CPU (" + Number(cpu > 0 ? static_cast<double>(n) / cpu : 0) +
             " vectors per CPU-second)");
  if (!baseline_out_.empty()) status_ = SaveModel(*model_, baseline_out_);
}

std::vector<std::string> OutlierDetector::Explain(const HostWindow& h) const {
  // Features ranked by how far above the training median they are, in robust z (1.4826 MAD, at
  // least 0.25: in log space a change under about 30% is never remarkable) of the transformed
  // space the forest splits in; those 3 or more above are named, at most 3. Only "more than usual" counts: a host doing less than usual in a window
  // (one DNS query and nothing else) is isolated easily too, but is not a threat.
  const FeatureVector v = Transform(h.raw);
  std::vector<std::pair<double, size_t>> distance;
  for (size_t f = 0; f < kFeatureCount; ++f) {
    const double spread = std::max(model_->mad[f] * kMadToSigma, 0.25);
    const double z = (v[f] - model_->median[f]) / spread;
    if (z >= 3) distance.emplace_back(z, f);
  }
  std::sort(distance.begin(), distance.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> named;
  for (const auto& [z, f] : distance) {
    if (named.size() == 3) break;
    const double usual = f == 7 ? model_->median[f] : std::expm1(model_->median[f]);
    named.push_back(std::string(kFeatureNames[f]) + "=" + Number(h.raw[f]) + " (usual " +
                    Number(usual) + ", robust z " + Number(std::round(z * 10) / 10) + ")");
  }
  return named;
}

void OutlierDetector::EmitAlerts() {
  std::sort(kept_.begin(), kept_.end(), [](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.window.start != b.window.start ? a.window.start < b.window.start
                                            : a.window.host < b.window.host;
  });
  for (const Scored& s : kept_) {
    const HostWindow& h = s.window;
    Alert a;
    a.rule_id = "outlier";
    a.rule_name = "Host behaviour unlike the rest (Isolation Forest)";
    a.entity = h.host.ToString() + "@" + std::to_string(h.start);
    a.severity = s.score >= t_.outlier_medium ? kMedium : kLow;
    // Within the band of the severity: low 1-33 from outlier.low up to outlier.medium, medium
    // 34-66 from outlier.medium up to a score of 1.
    const bool medium = a.severity == kMedium;
    const double from = medium ? t_.outlier_medium : t_.outlier_low;
    const double to = medium ? 1.0 : t_.outlier_medium;
    const double share = to > from ? std::clamp((s.score - from) / (to - from), 0.0, 1.0) : 1.0;
    a.risk_score = (medium ? 34 : 1) + static_cast<int>(std::lround(share * 32));
    a.start = h.start;
    a.end = h.end;
    a.source_ip = h.host;
    a.related_ip = {h.host};
    a.score = s.score;
    a.features = Explain(h);
    std::string why;
    for (const std::string& f : a.features) why += (why.empty() ? "" : "; ") + f;
    a.message = h.host.ToString() + " behaved unlike the baseline (score " + Number(s.score) +
                "): " + why;
    for (size_t f = 0; f < kFeatureCount; ++f) a.counts.emplace_back(kFeatureNames[f], h.raw[f]);
    if (!h.evidence.empty()) a.evidence.push_back(h.evidence);
    a.evidence_total = a.evidence.size();
    sink_.Emit(a);
  }
}

void OutlierDetector::Finish() {
  collector_.Finish();
  if (loaded_) ScorePending();
  if (!loaded_) Train();
  if (model_) EmitAlerts();
}

}  // namespace seckit::anomaly_detect
