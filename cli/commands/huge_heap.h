// Asking the kernel for transparent huge pages under the process heap before
// a batch: on virtual machines every first touch of a 4 KiB page traps to the
// hypervisor, and a batch touches tens of MB of fresh memory.
#ifndef CCHC_CLI_COMMANDS_HUGE_HEAP_H_
#define CCHC_CLI_COMMANDS_HUGE_HEAP_H_

#include <cstddef>

namespace cchc {

// Grows the heap by `bytes` at once, asks for that memory to be backed by
// 2 MiB pages (madvise MADV_HUGEPAGE: pages are still only taken when first
// touched), lets blocks up to 32 MiB come from it instead of their own
// mappings, and keeps freed memory for reuse instead of returning it. Call
// once, before the worker threads start. Only the main thread's heap is
// covered. Does nothing where the platform or a sanitizer's allocator does
// not allow it; never fails.
void GrowHeapInHugePages(size_t bytes);

}  // namespace cchc

#endif  // CCHC_CLI_COMMANDS_HUGE_HEAP_H_
