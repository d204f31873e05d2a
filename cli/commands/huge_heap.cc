// glibc's malloc tuned through mallopt, and madvise over the heap's new end.
#include "cli/commands/huge_heap.h"

#include <cstdint>
#include <cstdlib>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace cchc {

void GrowHeapInHugePages(size_t bytes) {
#if defined(__linux__) && defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  constexpr int kLargestFromHeap = 32 << 20;  // glibc's upper bound for the threshold
  if (bytes == 0 || bytes > (size_t{1} << 30)) return;
  mallopt(M_MMAP_THRESHOLD, kLargestFromHeap);
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * bytes));
  mallopt(M_TOP_PAD, static_cast<int>(bytes));
  // One allocation that the heap's free end (keepcost) cannot hold makes
  // malloc extend the heap by it plus the pad; volatile so that the pair is
  // not elided. The advice covers that free end and the new memory.
  const size_t free_end = mallinfo2().keepcost;
  if (free_end + (size_t{1} << 20) >= static_cast<size_t>(kLargestFromHeap)) return;
  char* const before = static_cast<char*>(sbrk(0));
  void* volatile block = std::malloc(free_end + (size_t{1} << 20));
  std::free(block);
  char* const after = static_cast<char*>(sbrk(0));
  if (before == reinterpret_cast<char*>(-1) || after <= before) return;
  const uintptr_t start =
      (reinterpret_cast<uintptr_t>(before) - free_end + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t end = reinterpret_cast<uintptr_t>(after);
  if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
#else
  (void)bytes;
#endif
}

}  // namespace cchc
