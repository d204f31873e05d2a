// The one parallel loop of the engine: body(i, worker) for every i in [0, n)
// on a few threads. Batch scoring, the task-set search and uncertainty use it.
#ifndef CCHC_ENGINE_UTIL_PARALLEL_FOR_H_
#define CCHC_ENGINE_UTIL_PARALLEL_FOR_H_

#include <cstddef>
#include <functional>

namespace cchc {

// The number of threads ParallelFor uses for `jobs` over `n` items: `jobs`,
// or every core when jobs <= 0 (the one default of --jobs and --threads),
// never more than n, at least 1.
size_t ParallelWorkers(int jobs, size_t n);

// Calls body(i, worker) exactly once for every i in [0, n), on
// ParallelWorkers(jobs, n) threads (the calling thread is worker 0), and
// returns when all calls have returned. Indexes are handed out one at a time,
// so a slow item does not hold up a block. `worker` < ParallelWorkers(jobs, n)
// names the thread, for state a thread keeps between items (a scorer, a
// scratch buffer). Results are deterministic when each index writes only its
// own slot. `body` must not throw.
void ParallelFor(size_t n, int jobs, const std::function<void(size_t i, size_t worker)>& body);

}  // namespace cchc

#endif  // CCHC_ENGINE_UTIL_PARALLEL_FOR_H_
