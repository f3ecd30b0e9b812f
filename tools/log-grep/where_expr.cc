// Evaluating a compiled --where expression against one record's fields.
#include "where_expr.h"

#include "where_program.h"

namespace seckit::log_grep {
namespace {

bool EvalCondition(const WhereProgram& program, const WhereCondition& condition,
                   const FieldSource& fields) {
  std::vector<std::string>& values = program.values;
  values.clear();  // keeps its capacity: no allocation here once warmed up
  fields.Values(program.fields[condition.field], values);
  if (condition.op == WhereOp::kExists) return !values.empty();
  bool any = false;
  for (const std::string& value : values) {
    if (ValueMatches(condition, value, program.scratch.get())) {
      any = true;
      break;
    }
  }
  // != and "not in" are the negations of = and in, so they hold for an absent field.
  bool negated = condition.op == WhereOp::kNe || condition.op == WhereOp::kNotIn;
  return negated ? !any : any;
}

// Recursion depth is bounded by the parser's nesting limit: and/or chains are one node each.
bool Eval(const WhereProgram& program, uint32_t index, const FieldSource& fields) {
  const WhereNode& node = program.nodes[index];
  switch (node.kind) {
    case WhereNode::Kind::kCondition:
      return EvalCondition(program, program.conditions[node.condition], fields);
    case WhereNode::Kind::kNot:
      return !Eval(program, node.children[0], fields);
    case WhereNode::Kind::kAnd:
      for (uint32_t child : node.children) {
        if (!Eval(program, child, fields)) return false;
      }
      return true;
    case WhereNode::Kind::kOr:
      for (uint32_t child : node.children) {
        if (Eval(program, child, fields)) return true;
      }
      return false;
  }
  return false;
}

}  // namespace

WhereExpr::WhereExpr(std::unique_ptr<WhereProgram> program) : program_(std::move(program)) {}
WhereExpr::WhereExpr(WhereExpr&&) noexcept = default;
WhereExpr& WhereExpr::operator=(WhereExpr&&) noexcept = default;
WhereExpr::~WhereExpr() = default;

bool WhereExpr::Matches(const FieldSource& fields) const {
  return Eval(*program_, program_->root, fields);
}

const std::vector<FieldPath>& WhereExpr::fields() const { return program_->fields; }

}  // namespace seckit::log_grep
