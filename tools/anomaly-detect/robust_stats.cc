// Median (by selection, linear on average) and MAD.
#include "robust_stats.h"

#include <algorithm>
#include <cmath>

namespace seckit::anomaly_detect {

double Median(std::vector<double>& values) {
  if (values.empty()) return 0;
  const size_t n = values.size();
  auto mid = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(values.begin(), mid, values.end());
  const double upper = *mid;
  if (n % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), mid);
  return (lower + upper) / 2;
}

double MedianAbsoluteDeviation(std::vector<double>& values, double median) {
  for (double& v : values) v = std::fabs(v - median);
  return Median(values);
}

double RobustZ(double x, double median, double mad, double floor_share) {
  const double spread = std::max({mad, floor_share * std::fabs(median), 1.0}) * kMadToSigma;
  return (x - median) / spread;
}

}  // namespace seckit::anomaly_detect
