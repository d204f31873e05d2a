// ParallelFor: an atomic counter hands out indexes to short-lived threads.
#include "engine/util/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace cchc {

size_t ParallelWorkers(int jobs, size_t n) {
  const size_t wanted = jobs > 0 ? static_cast<size_t>(jobs)
                                 : static_cast<size_t>(std::thread::hardware_concurrency());
  return std::max<size_t>(1, std::min(wanted, n));
}

void ParallelFor(size_t n, int jobs, const std::function<void(size_t i, size_t worker)>& body) {
  if (n == 0) return;
  const size_t workers = ParallelWorkers(jobs, n);
  std::atomic<size_t> next{0};
  auto work = [&](size_t worker) {
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) body(i, worker);
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
  for (std::thread& t : pool) t.join();
}

}  // namespace cchc
