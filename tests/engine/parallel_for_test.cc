// ParallelFor: every index exactly once, worker ids in range, for several
// thread counts and sizes (0, 1, 1000), and the worker count rule.
#include "engine/util/parallel_for.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace cchc::parallel_for_test {
namespace {

TEST(ParallelFor, EveryIndexExactlyOnce) {
  for (int jobs : {1, 2, 7, 0}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{1000}}) {
      std::vector<std::atomic<int>> seen(n);
      const size_t workers = ParallelWorkers(jobs, n);
      std::atomic<bool> worker_in_range{true};
      ParallelFor(n, jobs, [&](size_t i, size_t worker) {
        seen[i].fetch_add(1);
        if (worker >= workers) worker_in_range = false;
      });
      for (size_t i = 0; i < n; ++i) EXPECT_EQ(seen[i].load(), 1) << "jobs " << jobs << " i " << i;
      EXPECT_TRUE(worker_in_range) << "jobs " << jobs << " n " << n;
    }
  }
}

TEST(ParallelFor, SameResultForAnyJobCount) {
  std::vector<long long> one(1000), seven(1000);
  ParallelFor(one.size(), 1, [&](size_t i, size_t) { one[i] = static_cast<long long>(i * i); });
  ParallelFor(seven.size(), 7, [&](size_t i, size_t) { seven[i] = static_cast<long long>(i * i); });
  EXPECT_EQ(one, seven);
}

TEST(ParallelFor, WorkerCount) {
  EXPECT_EQ(ParallelWorkers(7, 1000), 7u);
  EXPECT_EQ(ParallelWorkers(7, 3), 3u);  // never more threads than items
  EXPECT_EQ(ParallelWorkers(2, 0), 1u);
  EXPECT_EQ(ParallelWorkers(0, 1000),
            std::max<size_t>(1, std::min<size_t>(std::thread::hardware_concurrency(), 1000)));
  EXPECT_EQ(ParallelWorkers(-3, 1), 1u);
}

}  // namespace
}  // namespace cchc::parallel_for_test
