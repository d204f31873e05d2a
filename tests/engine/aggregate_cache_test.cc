// Incremental aggregates: after every step of random record edits (field
// sets of every type, wrong types included, removals, additions) the
// incrementally re-scored card equals a full re-score of the same records;
// WhatIf's points-only re-score equals its explained one on random task
// sets; and the fallbacks (fractional sums, conditions that error) by hand.
// latest / earliest / value over many records of one kind: random edits of
// the ordering dates (ties, undated, missing), removals and additions.
#include "engine/core/aggregate_cache.h"

#include <gtest/gtest.h>

#include <deque>
#include <fstream>
#include <random>
#include <sstream>

#include "cli/commands/load.h"
#include "engine/analysis/whatif.h"
#include "evidence/scenario_loader.h"
#include "tests/engine/engine_test_util.h"

namespace cchc::testutil::aggregate_cache_test {
namespace {

const std::string kSrc = CCHC_SOURCE_DIR;

struct Example {
  std::unique_ptr<const CompiledCriteria> criteria;
  Evidence evidence;
  TaskList tasks;
};

const Example& Load() {
  static Example* e = [] {
    auto* x = new Example;
    std::ostringstream err;
    x->criteria = LoadCriteria(kSrc + "/examples/thai-nguyen-2026/criteria.cchc", err);
    EXPECT_TRUE(x->criteria) << err.str();
    EXPECT_TRUE(LoadEvidence(kSrc + "/examples/an-khanh-2026/evidence.json",
                             x->criteria->criteria(), &x->evidence, err))
        << err.str();
    std::ifstream in(kSrc + "/examples/an-khanh-2026/tasks.json");
    std::stringstream text;
    text << in.rdbuf();
    TasksLoad tasks =
        LoadTasksJson(text.str(), "tasks.json", &x->criteria->criteria(), &x->evidence);
    EXPECT_TRUE(tasks.ok());
    x->tasks = tasks.tasks;
    return x;
  }();
  return *e;
}

// Status, points, max, branch and error of every item, the index and band.
void ExpectSameCard(const Scorecard& a, const Scorecard& b, const std::string& where) {
  ASSERT_EQ(a.items.size(), b.items.size());
  for (size_t i = 0; i < a.items.size(); ++i) {
    const ItemScore& x = a.items[i];
    const ItemScore& y = b.items[i];
    EXPECT_EQ(x.status, y.status) << where << " item " << i;
    EXPECT_EQ(x.points, y.points) << where << " item " << i;
    EXPECT_EQ(x.max, y.max) << where << " item " << i;
    EXPECT_EQ(x.branch, y.branch) << where << " item " << i;
    EXPECT_EQ(x.why.error, y.why.error) << where << " item " << i;
  }
  EXPECT_EQ(a.percent, b.percent) << where;
  EXPECT_EQ(a.band, b.band) << where;
  EXPECT_EQ(a.points, b.points) << where;
}

// A random value for a field: mostly of the field's current type (whole,
// fractional, percents, dates, the texts the criteria filter on), sometimes
// of another type (conditions then error) or absent.
Value RandomValue(std::mt19937& rng, const Value* now) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  static const char* kTexts[] = {"done",         "open",      "cchc",
                                 "tuyen_truyen", "ubnd_tinh", "theo_doi_thpl",
                                 "kiem_tra",     "pakn",      "x"};
  ValueType type = now ? now->type : ValueType::kNumber;
  if (pick(8) == 0) type = static_cast<ValueType>(pick(6));
  switch (type) {
    case ValueType::kMissing:
      return Value{};
    case ValueType::kNumber:
      return pick(4) == 0 ? Value::Number(pick(400) / 8.0) : Value::Number(pick(60));
    case ValueType::kPercent:
      return Value::Percent(pick(101) / 100.0);
    case ValueType::kDate:
      return Value::OfDate(Date{ParseIsoDate("2026-01-01")->days + pick(400)});
    case ValueType::kString:
      return Value::String(kTexts[pick(9)]);
    case ValueType::kBool:
      return Value::Bool(pick(2) == 1);
  }
  return Value{};
}

TEST(AggregateCache, FindsTheExamplesCountsAndSums) {
  const Example& ex = Load();
  AggregateCache cache(ex.criteria->plan());
  // 1.1.2 alone has two (done tasks, tasks); the example has dozens.
  EXPECT_GE(cache.size(), 20u);
}

TEST(AggregateCache, RandomEditsRescoreAsAFullScore) {
  const Example& ex = Load();
  const Plan& plan = ex.criteria->plan();
  for (unsigned seed : {1u, 2u, 3u}) {
    std::mt19937 rng(seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    EvidenceIndex index(plan, ex.evidence);
    std::vector<const Record*> live;  // in index order, as a fresh index would hold them
    for (const Record& r : ex.evidence.records) live.push_back(&r);
    std::deque<Record> owned;
    AggregateCache cache(plan);
    cache.Reset(index);
    Scorer incremental(plan), full(plan);
    incremental.set_explain(false);
    full.set_explain(false);
    incremental.set_cache(&cache);
    Scorecard card = incremental.Score(index);
    int added = 0;
    for (int step = 0; step < 300; ++step) {
      std::vector<int> kinds;
      const size_t at = pick(live.size());
      const Record& target = *live[at];
      const int pos = index.Find(target.id);
      ASSERT_GE(pos, 0);
      const int what = static_cast<int>(pick(10));
      if (what < 7) {  // set one or two fields
        Record changed = target;
        for (int k = 0; k < 1 + static_cast<int>(pick(2)); ++k) {
          std::string name = changed.fields.empty() || pick(5) == 0
                                 ? plan.fields()[2 + pick(plan.fields().size() - 2)]
                                 : changed.fields[pick(changed.fields.size())].first;
          changed.Set(name, RandomValue(rng, changed.Find(name)));
        }
        owned.push_back(std::move(changed));
        kinds.push_back(index.kind(static_cast<uint32_t>(pos)));
        cache.Leave(index, static_cast<uint32_t>(pos));
        ASSERT_TRUE(index.Replace(target.id, &owned.back()));
        cache.Enter(index, static_cast<uint32_t>(pos));
        live[at] = &owned.back();
      } else if (what < 8 && live.size() > 20) {  // remove
        kinds.push_back(index.kind(static_cast<uint32_t>(pos)));
        cache.Leave(index, static_cast<uint32_t>(pos));
        ASSERT_TRUE(index.Remove(target.id));
        live.erase(live.begin() + static_cast<long>(at));
      } else {  // add a copy, sometimes of another kind
        Record copy = target;
        copy.id = "NEW-" + std::to_string(added++);
        if (pick(3) == 0) copy.kind = plan.kinds()[pick(plan.kinds().size())];
        owned.push_back(std::move(copy));
        ASSERT_TRUE(index.Add(&owned.back()));
        const uint32_t p = static_cast<uint32_t>(index.Find(owned.back().id));
        kinds.push_back(index.kind(p));
        cache.Enter(index, p);
        live.push_back(&owned.back());
      }
      std::vector<int> items;
      cache.Changed(kinds, /*update_reference=*/true, &items);
      incremental.RescoreItems(index, items, &card);

      Evidence now = ex.evidence;
      now.records.clear();
      for (const Record* r : live) now.records.push_back(*r);
      EvidenceIndex fresh(plan, now);
      const std::string where = "seed " + std::to_string(seed) + " step " + std::to_string(step);
      ExpectSameCard(full.Score(fresh), card, where);
      if (::testing::Test::HasFailure()) return;
    }
  }
}

TEST(AggregateCache, WhatIfPointsOnlyEqualsExplainedOnRandomTaskSets) {
  const Example& ex = Load();
  WhatIf w(ex.criteria->plan(), ex.evidence);
  std::mt19937 rng(7);
  const size_t n = ex.tasks.tasks.size();
  for (int round = 0; round < 200; ++round) {
    std::vector<const std::vector<Effect>*> lists;
    for (size_t t = 0; t < n; ++t) {
      if (rng() % 3 == 0) lists.push_back(&ex.tasks.tasks[t].effects);
    }
    const Scorecard explained = w.ApplyAll(lists, nullptr);
    const Scorecard quick = w.Rescored(lists, nullptr);
    ExpectSameCard(explained, quick, "round " + std::to_string(round));
  }
}

// Fractional sums and failing conditions leave the cache for the walk.
const char* kCriteria = R"(
index "T" {
  year 2026
  total 10
  bands { "A" >= 85%  "B" >= 65%  "C" else }
}
record lot { amount: number  status: string }

area 1 "Area" max 10 {
  criterion 1.1 "Crit" max 10 {
    item 1.1.1 "Sum" max 5 {
      evidence optional
      score bands sum(records kind "lot" where status = "done", amount) { >= 10: 5  >= 5: 2  else: 0 }
    }
    item 1.1.2 "Count" max 5 {
      evidence optional
      score count count(records kind "lot" where amount > 2) { >= 2: 5  >= 1: 2  else: 0 }
    }
  }
}
)";

TEST(AggregateCache, FractionsAndErrorsFallBackToTheWalk) {
  auto c = Compile(kCriteria);
  Evidence ev;
  ev.records = {Rec("L1", "lot", {{"amount", N(4)}, {"status", S("done")}}),
                Rec("L2", "lot", {{"amount", N(3)}, {"status", S("open")}})};
  EvidenceIndex index(c->plan(), ev);
  AggregateCache cache(c->plan());
  EXPECT_EQ(cache.size(), 2u);
  cache.Reset(index);
  Scorer scorer(c->plan());
  scorer.set_explain(false);
  scorer.set_cache(&cache);
  Scorecard card = scorer.Score(index);
  EXPECT_EQ(card.items[0].points, 0);  // 4 done: below 5
  EXPECT_EQ(card.items[1].points, 5);  // 4 and 3 above 2
  auto edit = [&](const Record& r) {
    const uint32_t pos = static_cast<uint32_t>(index.Find(r.id));
    cache.Leave(index, pos);
    index.Replace(r.id, &r);
    cache.Enter(index, pos);
    std::vector<int> items;
    cache.Changed({index.kind(pos)}, true, &items);
    scorer.RescoreItems(index, items, &card);
  };
  const Record half = Rec("L2", "lot", {{"amount", N(5.5)}, {"status", S("done")}});
  edit(half);  // 4 + 5.5 = 9.5: a fractional sum, walked
  EXPECT_EQ(card.items[0].points, 2);
  EXPECT_EQ(card.items[1].points, 5);
  const Record text = Rec("L1", "lot", {{"amount", S("four")}, {"status", S("done")}});
  edit(text);  // "four" > 2 cannot be compared; the sum is over text
  EXPECT_EQ(card.items[0].status, ItemStatus::kError);
  EXPECT_EQ(card.items[1].status, ItemStatus::kError);
  const Record back = Rec("L1", "lot", {{"amount", N(6)}, {"status", S("done")}});
  edit(back);  // 6 + 5.5 = 11.5
  EXPECT_EQ(card.items[0].points, 5);
  EXPECT_EQ(card.items[1].points, 5);
  Scorer full(c->plan());
  full.set_explain(false);
  Evidence now = ev;
  now.records = {back, half};
  EvidenceIndex again(c->plan(), now);
  ExpectSameCard(full.Score(again), card, "end");
}

// The chosen record of latest / earliest / value, read through its amount.
const char* kChosenCriteria = R"(
index "T" {
  year 2026
  total 25
  bands { "A" >= 85%  "B" >= 65%  "C" else }
}
record lot { amount: number  status: string  on: date }

area 1 "Area" max 25 {
  criterion 1.1 "Crit" max 25 {
    item 1.1.1 "Latest" max 5 {
      evidence optional
      let s = latest(records kind "lot")
      score bands s.amount { >= 11: 5  >= 9: 4  >= 7: 3  >= 5: 2  >= 3: 1  else: 0 }
    }
    item 1.1.2 "Earliest done" max 5 {
      evidence optional
      let s = earliest(records kind "lot" where status = "done", on)
      score bands s.amount { >= 11: 5  >= 9: 4  >= 7: 3  >= 5: 2  >= 3: 1  else: 0 }
    }
    item 1.1.3 "Value open" max 5 {
      evidence optional
      score bands value(records kind "lot" where status = "open", amount) { >= 11: 5  >= 9: 4  >= 7: 3  >= 5: 2  >= 3: 1  else: 0 }
    }
    item 1.1.4 "Max" max 5 {
      evidence optional
      score bands max(records kind "lot", amount) { >= 12: 5  >= 11: 4  >= 10: 3  >= 9: 2  >= 8: 1  else: 0 }
    }
    item 1.1.5 "Min done" max 5 {
      evidence optional
      score bands min(records kind "lot" where status = "done", amount) { >= 4: 5  >= 3: 4  >= 2: 3  >= 1: 2  >= 0.5: 1  else: 0 }
    }
  }
}
)";

Record RandomLot(std::mt19937& rng, std::string id) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  // Amounts: mostly numbers; sometimes percents (equal to a number: ties by
  // position), dates (min / max then walk), text (errors) or missing.
  Value amount = N(pick(13));
  switch (pick(12)) {
    case 0:
      amount = Value::Percent(pick(3));
      break;
    case 1:
      amount = Value::OfDate(Date{20000 + pick(3)});
      break;
    case 2:
      amount = S("many");
      break;
    default:
      break;
  }
  Fields f = {{"status", S(pick(2) ? "done" : "open")}};
  if (pick(10) != 0) f.emplace_back("amount", amount);
  // Few distinct dates, so that ties (decided by id) are common.
  if (pick(5) != 0) f.emplace_back("issued", Value::OfDate(Date{20000 + pick(6)}));
  if (pick(5) == 0) f.emplace_back("issued", S("undated"));
  if (pick(4) != 0) f.emplace_back("on", Value::OfDate(Date{20000 + pick(4)}));
  return Rec(std::move(id), "lot", f);
}

TEST(AggregateCache, ChosenRecordsFollowRandomEdits) {
  auto c = Compile(kChosenCriteria);
  ASSERT_TRUE(c);
  const Plan& plan = c->plan();
  for (unsigned seed = 1; seed <= 10; ++seed) {
    std::mt19937 rng(seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    Evidence ev;
    for (int i = 0; i < 30; ++i) ev.records.push_back(RandomLot(rng, "L" + std::to_string(i)));
    EvidenceIndex index(plan, ev);
    AggregateCache cache(plan);
    EXPECT_EQ(cache.size(), 5u);
    cache.Reset(index);
    std::vector<const Record*> live;
    for (const Record& r : ev.records) live.push_back(&r);
    std::deque<Record> owned;
    Scorer incremental(plan), full(plan);
    incremental.set_explain(false);
    full.set_explain(false);
    incremental.set_cache(&cache);
    Scorecard card = incremental.Score(index);
    int added = 0;
    for (int step = 0; step < 400; ++step) {
      const size_t at = pick(live.size());
      const Record& target = *live[at];
      const int pos = index.Find(target.id);
      ASSERT_GE(pos, 0);
      const int what = static_cast<int>(pick(10));
      if (what < 7) {  // a new state of the same record, often only one field
        Record changed = RandomLot(rng, target.id);
        if (pick(2) == 0) {
          Record one = target;
          const auto& [name, value] = changed.fields[pick(changed.fields.size())];
          one.Set(name, value);
          changed = one;
        }
        owned.push_back(std::move(changed));
        cache.Leave(index, static_cast<uint32_t>(pos));
        ASSERT_TRUE(index.Replace(target.id, &owned.back()));
        cache.Enter(index, static_cast<uint32_t>(pos));
        live[at] = &owned.back();
      } else if (what < 8 && live.size() > 1) {  // remove
        cache.Leave(index, static_cast<uint32_t>(pos));
        ASSERT_TRUE(index.Remove(target.id));
        live.erase(live.begin() + static_cast<long>(at));
      } else {  // add; ids before and after the others' ("A", "N")
        owned.push_back(RandomLot(rng, (pick(2) ? "A" : "N") + std::to_string(added++)));
        ASSERT_TRUE(index.Add(&owned.back()));
        cache.Enter(index, static_cast<uint32_t>(index.Find(owned.back().id)));
        live.push_back(&owned.back());
      }
      std::vector<int> items;
      cache.Changed({plan.KindId("lot")}, /*update_reference=*/true, &items);
      incremental.RescoreItems(index, items, &card);  // only the items that moved
      Evidence now = ev;
      now.records.clear();
      for (const Record* r : live) now.records.push_back(*r);
      EvidenceIndex fresh(plan, now);
      const std::string where = "seed " + std::to_string(seed) + " step " + std::to_string(step);
      const Scorecard expected = full.Score(fresh);
      ExpectSameCard(expected, card, where);
      ExpectSameCard(expected, incremental.Score(index), where + " (every item)");
      if (::testing::Test::HasFailure()) return;
    }
  }
}

// What sensitivity does: one-field sets (and additions, removals) rolled back
// after each re-score; the points-only re-score equals the explained one.
TEST(AggregateCache, ChosenRecordsThroughWhatIf) {
  auto c = Compile(kChosenCriteria);
  ASSERT_TRUE(c);
  std::mt19937 rng(11);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  Evidence ev;
  for (int i = 0; i < 40; ++i) ev.records.push_back(RandomLot(rng, "L" + std::to_string(i)));
  WhatIf w(c->plan(), ev);
  for (int round = 0; round < 600; ++round) {
    std::vector<Effect> effects;
    for (size_t k = 0, n = 1 + pick(3); k < n; ++k) {
      Effect e;
      const std::string id = "L" + std::to_string(pick(40));
      const size_t what = pick(10);
      if (what < 7) {
        e.op = Effect::Op::kSet;
        e.id = id;
        Record fresh = RandomLot(rng, id);
        e.record.fields.push_back(fresh.fields[pick(fresh.fields.size())]);
      } else if (what < 8) {
        e.op = Effect::Op::kRemove;
        e.id = id;
      } else {
        e.op = Effect::Op::kAdd;
        e.record = RandomLot(rng, (pick(2) ? "A" : "N") + std::to_string(round));
      }
      effects.push_back(std::move(e));
    }
    const Scorecard explained = w.ApplyAll({&effects}, nullptr);
    const Scorecard quick = w.Rescored({&effects}, nullptr);
    ExpectSameCard(explained, quick, "round " + std::to_string(round));
    if (::testing::Test::HasFailure()) return;
  }
}

}  // namespace
}  // namespace cchc::testutil::aggregate_cache_test
