// OutlierModel: a trained Isolation Forest with what is needed to explain its scores (each
// feature's median and MAD over the training vectors), saved as and loaded from JSON
// (--baseline-out / --baseline). Loading checks every tree, so a damaged or hostile file is an
// error, never an out-of-bounds walk.
#ifndef SECKIT_ANOMALY_DETECT_FOREST_MODEL_H_
#define SECKIT_ANOMALY_DETECT_FOREST_MODEL_H_

#include <string>

#include "host_features.h"
#include "isolation_forest.h"
#include "seckit/status.h"

namespace seckit::anomaly_detect {

struct OutlierModel {
  IsolationForest forest;
  FeatureVector median{};
  FeatureVector mad{};
  double window_seconds = 0;
  uint64_t seed = 0;
  uint64_t training_vectors = 0;
};

// Writes the model atomically (temporary file, then rename). IoError/CantCreate on failure.
Status SaveModel(const OutlierModel& model, const std::string& path);
// NoInput when the file cannot be read; DataError naming the file when it is not a model.
Result<OutlierModel> LoadModel(const std::string& path);

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_FOREST_MODEL_H_
