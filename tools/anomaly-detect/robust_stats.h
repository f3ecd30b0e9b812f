// Robust statistics: median and median absolute deviation (MAD), which a few extreme values
// cannot drag the way they drag a mean and a standard deviation.
#ifndef SECKIT_ANOMALY_DETECT_ROBUST_STATS_H_
#define SECKIT_ANOMALY_DETECT_ROBUST_STATS_H_

#include <vector>

namespace seckit::anomaly_detect {

// The median of `values` (reordered in place); 0 for none.
double Median(std::vector<double>& values);
// The median of |v - median| (reorders `values`); 0 for none.
double MedianAbsoluteDeviation(std::vector<double>& values, double median);

// 1.4826 * MAD estimates the standard deviation of normally distributed data.
inline constexpr double kMadToSigma = 1.4826;

// (x - median) / (1.4826 * MAD), with the MAD floored at `floor_share` of the median (and at 1)
// so a perfectly regular baseline does not make every small change infinitely unusual.
double RobustZ(double x, double median, double mad, double floor_share = 0.1);

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_ROBUST_STATS_H_
