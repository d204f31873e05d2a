// Fusion adaptation of the X3 parse tree, so that X3 sequences fill struct
// members in order. No struct here has a single member (Boost 1.74
// mishandles single-element fusion attributes): an expression is filled by
// its own parser (expr_parser.h).
#ifndef CCHC_CRITERIA_INTERNAL_X3_AST_ADAPTED_H_
#define CCHC_CRITERIA_INTERNAL_X3_AST_ADAPTED_H_

#include <boost/fusion/include/adapt_struct.hpp>

#include "criteria/internal/x3_ast.h"

BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::CmpBand, cmp, threshold, points)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::LabelBand, label, points)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::ElseBand, word, points)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::DeadlineRule, subject, by, on_time, late, missing)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::BandsRule, word, subject, bands, otherwise)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::LevelsRule, subject, bands, otherwise)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::PairRule, word, subject, param)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::DeductRule, subject, each, floor)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::YesNo, yes, no)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::BooleanRule, subject, points)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::SingleRule, word, subject)

BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::EnumStmt, head, value)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::TextStmt, head, text)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::LetStmt, name, value)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::CondStmt, head, cond)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::ScoreStmt, head, rule)

BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::ItemNode, code, name, max, stmts)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::CriterionNode, code, name, max, weight, items)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::AreaNode, code, name, max, weight, criteria)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::AdjustNode, head, name, cap, items)

BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::FieldMod, head, args)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::FieldNode, name, type, mods)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::RequireStmt, head, cond)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::RecordNode, kind, description, members)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::StrProp, key, value)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::NumProp, key, value)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::WordProp, key, value)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::IndexBand, label, min)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::BandsProp, key, bands)
BOOST_FUSION_ADAPT_STRUCT(cchc::criteria_x3::ast::IndexNode, name, props)

#endif  // CCHC_CRITERIA_INTERNAL_X3_AST_ADAPTED_H_
