// The evidence index under scenario edits: Checkpoint/Rollback restores it
// exactly (lists, order, lookups, field slots) after random edit sequences.
#include <random>

#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::evidence_index_test {
namespace {

const char* kCriteria = R"(
index "T" { total 1 bands { "A" else } }
record a { x: number }
record b { y: number }
area 1 "A" max 1 { criterion 1.1 "C" max 1 { item 1.1.1 "I" max 1 {
  score scaled sum(records kind "a", x) + sum(records kind "b", y) of 100
} } })";

// Everything observable about an index, as text.
std::string Snapshot(const Plan& plan, const EvidenceIndex& index) {
  std::string out;
  for (int k = -1; k < static_cast<int>(plan.kinds().size()); ++k) {
    out += "kind " + std::to_string(k) + ":";
    for (uint32_t r : index.OfKind(k)) {
      const Record& rec = index.record(r);
      out += " " + rec.id + "@" + std::to_string(r) + "=" + std::to_string(index.Find(rec.id));
      for (size_t f = 2; f < plan.fields().size(); ++f) {
        const Value* v = index.field(r, static_cast<int>(f));
        out += v ? "," + std::to_string(v->number) : ",_";
      }
    }
    out += "\n";
  }
  return out;
}

TEST(EvidenceIndex, RollbackRestoresExactly) {
  auto c = Compile(kCriteria);
  Evidence ev;
  for (int i = 0; i < 12; ++i) {
    ev.records.push_back(
        Rec("R" + std::to_string(i), i % 3 ? "a" : "b", {{i % 3 ? "x" : "y", N(i)}}));
  }
  EvidenceIndex index(c->plan(), ev);
  const std::string before = Snapshot(c->plan(), index);
  std::mt19937 rng(7);
  std::deque<Record> owned;
  for (int round = 0; round < 200; ++round) {
    index.Checkpoint();
    const int edits = std::uniform_int_distribution<int>(1, 8)(rng);
    for (int e = 0; e < edits; ++e) {
      const std::string id = "R" + std::to_string(std::uniform_int_distribution<int>(0, 14)(rng));
      switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
        case 0:
          owned.push_back(
              Rec(id, std::bernoulli_distribution(0.5)(rng) ? "a" : "b", {{"x", N(round)}}));
          index.Add(&owned.back());
          break;
        case 1: {
          const int pos = index.Find(id);
          if (pos < 0) break;
          owned.push_back(index.record(static_cast<uint32_t>(pos)));
          owned.back().Set("x", N(-round));
          owned.back().kind = std::bernoulli_distribution(0.2)(rng) ? "b" : owned.back().kind;
          index.Replace(id, &owned.back());
          break;
        }
        default:
          index.Remove(id);
          break;
      }
    }
    EXPECT_FALSE(index.touched_kinds().empty() && edits > 0 &&
                 Snapshot(c->plan(), index) != before);
    index.Rollback();
    ASSERT_EQ(Snapshot(c->plan(), index), before) << "round " << round;
    EXPECT_TRUE(index.touched_kinds().empty());
  }
}

}  // namespace
}  // namespace cchc::testutil::evidence_index_test
