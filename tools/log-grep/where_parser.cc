// Parsing a --where expression into a WhereProgram: recursive descent, one token of lookahead,
// regexes compiled with Hyperscan as they are met.
#include <string>
#include <unordered_map>
#include <utility>

#include "where_expr.h"
#include "where_lexer.h"
#include "where_program.h"

namespace seckit::log_grep {
namespace {

class Parser {
 public:
  Parser(std::string_view text, WhereProgram& program)
      : text_(text), lexer_(text), program_(program) {}

  Status Parse() {
    SECKIT_RETURN_IF_ERROR(Advance());
    if (current_.kind == TokenKind::kEnd) return Status::Usage("--where: the expression is empty");
    SECKIT_RETURN_IF_ERROR(ParseOr(&program_.root));
    if (current_.kind == TokenKind::kRParen) return ErrorAt(current_.offset, "unmatched ')'");
    if (current_.kind != TokenKind::kEnd) return Expected("expected 'and', 'or' or the end");
    return Status::Ok();
  }

 private:
  Status ParseOr(uint32_t* out) { return ParseChain(TokenKind::kOr, WhereNode::Kind::kOr, out); }

  // and-expr { "or" and-expr } or unary { "and" unary }, as one node with every operand, so a
  // long chain costs no recursion depth when parsed or evaluated.
  Status ParseChain(TokenKind separator, WhereNode::Kind kind, uint32_t* out) {
    auto operand = [&](uint32_t* index) {
      return kind == WhereNode::Kind::kOr
                 ? ParseChain(TokenKind::kAnd, WhereNode::Kind::kAnd, index)
                 : ParseUnary(index);
    };
    uint32_t first = 0;
    SECKIT_RETURN_IF_ERROR(operand(&first));
    if (current_.kind != separator) {
      *out = first;
      return Status::Ok();
    }
    WhereNode node;
    node.kind = kind;
    node.children.push_back(first);
    while (current_.kind == separator) {
      SECKIT_RETURN_IF_ERROR(Advance());
      uint32_t next = 0;
      SECKIT_RETURN_IF_ERROR(operand(&next));
      node.children.push_back(next);
    }
    *out = AddNode(std::move(node));
    return Status::Ok();
  }

  Status ParseUnary(uint32_t* out) {
    switch (current_.kind) {
      case TokenKind::kNot: {
        SECKIT_RETURN_IF_ERROR(Enter());
        SECKIT_RETURN_IF_ERROR(Advance());
        WhereNode node;
        node.kind = WhereNode::Kind::kNot;
        node.children.push_back(0);
        SECKIT_RETURN_IF_ERROR(ParseUnary(&node.children[0]));
        --depth_;
        *out = AddNode(std::move(node));
        return Status::Ok();
      }
      case TokenKind::kLParen: {
        size_t open = current_.offset;
        SECKIT_RETURN_IF_ERROR(Enter());
        SECKIT_RETURN_IF_ERROR(Advance());
        SECKIT_RETURN_IF_ERROR(ParseOr(out));
        if (current_.kind == TokenKind::kEnd) {
          return ErrorAt(open, "missing ')' to close the '('");
        }
        if (current_.kind != TokenKind::kRParen) return Expected("expected 'and', 'or' or ')'");
        --depth_;
        return Advance();
      }
      case TokenKind::kExists: {
        SECKIT_RETURN_IF_ERROR(Advance());
        WhereCondition condition;
        condition.op = WhereOp::kExists;
        SECKIT_RETURN_IF_ERROR(ParseField(&condition.field));
        *out = AddCondition(std::move(condition));
        return Status::Ok();
      }
      case TokenKind::kWord:
        return ParseCondition(out);
      default:
        return Expected("expected a condition");
    }
  }

  Status ParseCondition(uint32_t* out) {
    WhereCondition condition;
    SECKIT_RETURN_IF_ERROR(ParseField(&condition.field));
    Token op = current_;
    switch (op.kind) {
      case TokenKind::kEq:
        condition.op = WhereOp::kEq;
        break;
      case TokenKind::kNe:
        condition.op = WhereOp::kNe;
        break;
      case TokenKind::kLt:
        condition.op = WhereOp::kLt;
        break;
      case TokenKind::kLe:
        condition.op = WhereOp::kLe;
        break;
      case TokenKind::kGt:
        condition.op = WhereOp::kGt;
        break;
      case TokenKind::kGe:
        condition.op = WhereOp::kGe;
        break;
      case TokenKind::kRegex:
        condition.op = WhereOp::kRegex;
        break;
      case TokenKind::kIn:
        condition.op = WhereOp::kIn;
        break;
      case TokenKind::kNot:
        SECKIT_RETURN_IF_ERROR(Advance());
        if (current_.kind != TokenKind::kIn) return Expected("expected 'in'");
        condition.op = WhereOp::kNotIn;
        break;
      default:
        return Expected("expected an operator (= != < <= > >= ~ in)");
    }
    SECKIT_RETURN_IF_ERROR(Advance());
    if (condition.op == WhereOp::kIn || condition.op == WhereOp::kNotIn) {
      SECKIT_RETURN_IF_ERROR(ParseCidrs(condition.cidrs));
    } else {
      Token value;
      SECKIT_RETURN_IF_ERROR(ParseValue("expected a value", &value));
      std::string text =
          value.kind == TokenKind::kString ? std::move(value.text) : std::string(value.raw);
      if (condition.op == WhereOp::kRegex) {
        SECKIT_RETURN_IF_ERROR(CompileRegex(value, text, condition));
      } else {
        bool wildcard = value.kind == TokenKind::kWord &&
                        (condition.op == WhereOp::kEq || condition.op == WhereOp::kNe);
        condition.literal = MakeLiteral(std::move(text), wildcard);
      }
    }
    *out = AddCondition(std::move(condition));
    return Status::Ok();
  }

  Status ParseField(uint32_t* field) {
    if (current_.kind != TokenKind::kWord) return Expected("expected a field name");
    std::string_view name = current_.raw;
    unsigned char first = static_cast<unsigned char>(name[0]);
    bool starts_well = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
                       first == '_' || first == '@' || first >= 0x80;
    const char* why = nullptr;
    if (!starts_well) {
      why = " is not a field name (a field name starts with a letter, '_' or '@')";
    } else if (name.find('*') != std::string_view::npos) {
      why = " is not a field name (field names take no wildcards)";
    } else if (name.back() == '.' || name.find("..") != std::string_view::npos) {
      why = " is not a field name (it has an empty part between dots)";
    }
    if (why != nullptr) return ErrorAt(current_.offset, DescribeToken(current_) + why);
    auto [it, added] =
        field_index_.try_emplace(std::string(name), static_cast<uint32_t>(program_.fields.size()));
    if (added) program_.fields.emplace_back(name);
    *field = it->second;
    return Advance();
  }

  Status ParseValue(std::string_view expected, Token* value) {
    if (current_.kind != TokenKind::kWord && current_.kind != TokenKind::kString) {
      return Expected(expected);
    }
    *value = std::move(current_);
    return Advance();
  }

  // An address or CIDR, or a bracketed, comma-separated list of them.
  Status ParseCidrs(std::vector<Cidr>& cidrs) {
    bool list = current_.kind == TokenKind::kLBracket;
    if (list) SECKIT_RETURN_IF_ERROR(Advance());
    while (true) {
      size_t offset = current_.offset;
      Token value;
      SECKIT_RETURN_IF_ERROR(ParseValue("expected an IP address or CIDR", &value));
      std::string_view text =
          value.kind == TokenKind::kString ? std::string_view(value.text) : value.raw;
      std::optional<Cidr> cidr = Cidr::Parse(text);
      if (!cidr) return ErrorAt(offset, DescribeToken(value) + " is not an IP address or CIDR");
      cidrs.push_back(*cidr);
      if (!list) return Status::Ok();
      if (current_.kind == TokenKind::kRBracket) return Advance();
      if (current_.kind != TokenKind::kComma) return Expected("expected ',' or ']'");
      SECKIT_RETURN_IF_ERROR(Advance());
    }
  }

  Status CompileRegex(const Token& token, const std::string& pattern, WhereCondition& condition) {
    if (hs_valid_platform() != HS_SUCCESS) {
      return Status::Internal("--where: regexes need a CPU with SSSE3 (Hyperscan)");
    }
    // No HS_FLAG_UTF8: scanning invalid UTF-8 with it is undefined, and log lines may hold any
    // bytes. No HS_FLAG_DOTALL: "." stops at a newline as in PCRE; (?s) turns that off.
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_compile(pattern.c_str(), HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY, HS_MODE_BLOCK,
                   nullptr, &db, &error) != HS_SUCCESS) {
      std::string why = error != nullptr ? error->message : "unknown error";
      hs_free_compile_error(error);
      if (!why.empty() && why.back() == '.') why.pop_back();
      return ErrorAt(token.offset, "cannot compile the regex " + DescribeToken(token) +
                                       " (Hyperscan: " + why + ")");
    }
    condition.regex.reset(db);
    hs_scratch_t* scratch = program_.scratch.release();
    hs_error_t status = hs_alloc_scratch(db, &scratch);  // grows the one scratch for every regex
    program_.scratch.reset(scratch);
    if (status != HS_SUCCESS) {
      return Status::Internal("--where: cannot allocate Hyperscan scratch space (error " +
                              std::to_string(status) + ")");
    }
    return Status::Ok();
  }

  Status Enter() {
    if (++depth_ > WhereExpr::kMaxDepth) {
      return ErrorAt(current_.offset,
                     "nesting deeper than " + std::to_string(WhereExpr::kMaxDepth) + " levels");
    }
    return Status::Ok();
  }

  Status Advance() {
    previous_ = std::move(current_);
    current_ = lexer_.Next();
    if (current_.kind == TokenKind::kError) return ErrorAt(current_.offset, current_.text);
    return Status::Ok();
  }

  // "WHAT after 'previous token'" at the end of the expression, else "WHAT, found 'token'".
  Status Expected(std::string_view what) {
    if (current_.kind == TokenKind::kEnd) {
      return ErrorAt(previous_.offset, std::string(what) + " after " + DescribeToken(previous_));
    }
    return ErrorAt(current_.offset, std::string(what) + ", found " + DescribeToken(current_));
  }

  Status ErrorAt(size_t offset, std::string_view what) const {
    return WhereError(text_, offset, what);
  }

  uint32_t AddNode(WhereNode node) {
    program_.nodes.push_back(std::move(node));
    return static_cast<uint32_t>(program_.nodes.size() - 1);
  }

  uint32_t AddCondition(WhereCondition condition) {
    program_.conditions.push_back(std::move(condition));
    WhereNode node;
    node.kind = WhereNode::Kind::kCondition;
    node.condition = static_cast<uint32_t>(program_.conditions.size() - 1);
    return AddNode(std::move(node));
  }

  std::string_view text_;
  WhereLexer lexer_;
  WhereProgram& program_;
  Token current_;
  Token previous_;
  int depth_ = 0;
  std::unordered_map<std::string, uint32_t> field_index_;
};

}  // namespace

Result<WhereExpr> WhereExpr::Parse(std::string_view text) {
  auto program = std::make_unique<WhereProgram>();
  Parser parser(text, *program);
  SECKIT_RETURN_IF_ERROR(parser.Parse());
  return WhereExpr(std::move(program));
}

}  // namespace seckit::log_grep
