// GrowHeapInHugePages: the heap's mapping carries the huge-page advice
// afterwards (VmFlags "hg" in /proc/self/smaps), and memory from it works.
#include "cli/commands/huge_heap.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace cchc::huge_heap_test {
namespace {

// The VmFlags lines of the [heap] mappings (the advice splits the heap's
// mapping where it starts), one per line.
[[maybe_unused]] std::string HeapFlags() {
  std::ifstream smaps("/proc/self/smaps");
  std::string line, flags;
  bool in_heap = false;
  while (std::getline(smaps, line)) {
    const bool header = !line.empty() && line.find(':') > line.find(' ');
    if (header) in_heap = line.find("[heap]") != std::string::npos;
    if (in_heap && line.rfind("VmFlags:", 0) == 0) flags += line + "\n";
  }
  return flags;
}

TEST(HugeHeap, TheHeapIsAdvisedAndUsable) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "the sanitizer's allocator owns the heap: the function does nothing";
#else
  if (!std::filesystem::exists("/sys/kernel/mm/transparent_hugepage")) {
    GTEST_SKIP() << "this kernel has no transparent huge pages";
  }
  GrowHeapInHugePages(size_t{8} << 20);
  const std::string flags = HeapFlags();
  EXPECT_NE(flags.find(" hg"), std::string::npos) << flags;
  // Blocks from the grown heap, up to the 32 MiB threshold, are usable.
  for (size_t bytes : {size_t{1} << 10, size_t{3} << 20, size_t{20} << 20}) {
    char* p = static_cast<char*>(std::malloc(bytes));
    ASSERT_NE(p, nullptr);
    std::memset(p, 7, bytes);
    EXPECT_EQ(p[bytes - 1], 7);
    std::free(p);
  }
#endif
}

}  // namespace
}  // namespace cchc::huge_heap_test
