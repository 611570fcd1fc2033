//! ConnectWise's `conditions` / `childConditions` language (psa-api.md §B2): `field op value` joined by
//! `and` / `or` with parentheses. Keywords and field names are case-insensitive. Evaluation follows the SQL
//! Server the product sits on: strings compare case-insensitively, and an empty (null) field matches
//! nothing except `= null`. Paths that cross an array (`types/id`) are true when ANY element matches.

mod eval;

pub use eval::eval;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Str,
    Bool,
}

/// A field the language accepts: its path as ConnectWise spells it and its type.
pub type FieldDef = (&'static str, Kind);

#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    Int(i64),
    Str(String),
    Bool(bool),
    Null,
    DateTime(String),
    List(Vec<Lit>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
    NotContains,
    Like,
    NotLike,
    In,
    NotIn,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Cmp { path: Vec<String>, op: Op, value: Lit },
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Comma,
    Sym(&'static str),
    Str(String),
    Date(String),
    Int(i64),
    Word(String),
}

fn tokenize(s: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' | ')' | ',' => {
                out.push(match c {
                    '(' => Tok::Open,
                    ')' => Tok::Close,
                    _ => Tok::Comma,
                });
                i += 1;
            }
            '!' | '<' | '>' | '=' => {
                let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
                let sym = ["!=", "<=", ">=", "<>"].into_iter().find(|s| *s == two);
                match (sym, c) {
                    (Some("<>"), _) => out.push(Tok::Sym("!=")),
                    (Some(s), _) => out.push(Tok::Sym(s)),
                    (None, '=') => out.push(Tok::Sym("=")),
                    (None, '<') => out.push(Tok::Sym("<")),
                    (None, '>') => out.push(Tok::Sym(">")),
                    _ => return Err(format!("Unexpected character '{c}' in the conditions.")),
                }
                i += if sym.is_some() { 2 } else { 1 };
            }
            '"' => {
                let mut text = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err("A string in the conditions is missing its closing quote.".into()),
                        Some('\\') if i + 1 < chars.len() => {
                            text.push(chars[i + 1]);
                            i += 2;
                        }
                        Some('"') => break,
                        Some(ch) => {
                            text.push(*ch);
                            i += 1;
                        }
                    }
                }
                i += 1;
                out.push(Tok::Str(text));
            }
            '[' => {
                let end = chars[i..]
                    .iter()
                    .position(|&ch| ch == ']')
                    .ok_or("A date in the conditions is missing its ']'.")?;
                out.push(Tok::Date(chars[i + 1..i + end].iter().collect()));
                i += end + 1;
            }
            c if c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) => {
                let start = i;
                i += 1;
                while chars.get(i).is_some_and(char::is_ascii_digit) {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                out.push(Tok::Int(text.parse().map_err(|_| format!("{text} is not a valid number."))?));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let start = i;
                while chars.get(i).is_some_and(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '_' | '/' | '.')) {
                    i += 1;
                }
                out.push(Tok::Word(chars[start..i].iter().collect()));
            }
            _ => return Err(format!("Unexpected character '{c}' in the conditions.")),
        }
    }
    Ok(out)
}

struct Parser<'a> {
    toks: Vec<Tok>,
    pos: usize,
    fields: &'a [FieldDef],
}

impl Parser<'_> {
    fn peek_word(&self, w: &str) -> bool {
        matches!(self.toks.get(self.pos), Some(Tok::Word(x)) if x.eq_ignore_ascii_case(w))
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn or_expr(&mut self) -> Result<Expr, String> {
        let mut left = self.and_expr()?;
        while self.peek_word("or") {
            self.pos += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and_expr()?));
        }
        Ok(left)
    }

    fn and_expr(&mut self) -> Result<Expr, String> {
        let mut left = self.atom()?;
        while self.peek_word("and") {
            self.pos += 1;
            left = Expr::And(Box::new(left), Box::new(self.atom()?));
        }
        Ok(left)
    }

    fn atom(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Tok::Open) => {
                let e = self.or_expr()?;
                match self.next() {
                    Some(Tok::Close) => Ok(e),
                    _ => Err("A '(' in the conditions is not closed.".into()),
                }
            }
            Some(Tok::Word(name)) => self.comparison(&name),
            other => Err(format!("Expected a field name in the conditions, found {}.", describe(other.as_ref()))),
        }
    }

    fn comparison(&mut self, name: &str) -> Result<Expr, String> {
        let (canonical, kind) = self
            .fields
            .iter()
            .find(|(f, _)| f.eq_ignore_ascii_case(name))
            .copied()
            .ok_or_else(|| format!("{name} is not a recognized name."))?;
        let op = match self.next() {
            Some(Tok::Sym(s)) => match s {
                "=" => Op::Eq,
                "!=" => Op::Ne,
                "<" => Op::Lt,
                "<=" => Op::Le,
                ">" => Op::Gt,
                _ => Op::Ge,
            },
            Some(Tok::Word(w)) => match w.to_ascii_lowercase().as_str() {
                "contains" => Op::Contains,
                "like" => Op::Like,
                "in" => Op::In,
                "not" => match self.next() {
                    Some(Tok::Word(w2)) if w2.eq_ignore_ascii_case("in") => Op::NotIn,
                    Some(Tok::Word(w2)) if w2.eq_ignore_ascii_case("like") => Op::NotLike,
                    Some(Tok::Word(w2)) if w2.eq_ignore_ascii_case("contains") => Op::NotContains,
                    _ => return Err(format!("Expected 'in', 'like' or 'contains' after 'not' for {canonical}.")),
                },
                _ => return Err(format!("'{w}' is not an operator (after {canonical}).")),
            },
            other => {
                return Err(format!("Expected an operator after {canonical}, found {}.", describe(other.as_ref())))
            }
        };
        let value = self.value()?;
        check_types(canonical, kind, op, &value)?;
        Ok(Expr::Cmp { path: canonical.split('/').map(str::to_string).collect(), op, value })
    }

    fn value(&mut self) -> Result<Lit, String> {
        match self.next() {
            Some(Tok::Int(n)) => Ok(Lit::Int(n)),
            Some(Tok::Str(s)) => Ok(Lit::Str(s)),
            Some(Tok::Date(d)) => Ok(Lit::DateTime(d)),
            Some(Tok::Word(w)) => match w.to_ascii_lowercase().as_str() {
                "true" => Ok(Lit::Bool(true)),
                "false" => Ok(Lit::Bool(false)),
                "null" => Ok(Lit::Null),
                _ => Err(format!("'{w}' is not a value; put text in double quotes.")),
            },
            Some(Tok::Open) => {
                let mut items = vec![self.value()?];
                loop {
                    match self.next() {
                        Some(Tok::Comma) => items.push(self.value()?),
                        Some(Tok::Close) => return Ok(Lit::List(items)),
                        other => {
                            return Err(format!("Expected ',' or ')' in a list, found {}.", describe(other.as_ref())))
                        }
                    }
                }
            }
            other => Err(format!("Expected a value, found {}.", describe(other.as_ref()))),
        }
    }
}

fn describe(t: Option<&Tok>) -> String {
    match t {
        None => "the end of the text".into(),
        Some(t) => format!("{t:?}"),
    }
}

fn check_types(field: &str, kind: Kind, op: Op, value: &Lit) -> Result<(), String> {
    let fits = |v: &Lit| {
        matches!(
            (kind, v),
            (_, Lit::Null) | (Kind::Int, Lit::Int(_)) | (Kind::Str, Lit::Str(_)) | (Kind::Bool, Lit::Bool(_))
        )
    };
    let ok = match (op, value) {
        (Op::In | Op::NotIn, Lit::List(items)) => items.iter().all(|v| fits(v) && *v != Lit::Null),
        (Op::In | Op::NotIn, _) => false,
        (Op::Contains | Op::NotContains | Op::Like | Op::NotLike, v) => kind == Kind::Str && matches!(v, Lit::Str(_)),
        (Op::Lt | Op::Le | Op::Gt | Op::Ge, v) => kind != Kind::Bool && fits(v) && *v != Lit::Null,
        (_, Lit::List(_)) => false,
        (_, v) => fits(v),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("The value given for {field} does not fit the operator or the field's type."))
    }
}

/// Parses a conditions text against the allowed fields. Empty text means no filter (`None`).
pub fn parse(text: &str, fields: &[FieldDef]) -> Result<Option<Expr>, String> {
    let toks = tokenize(text)?;
    if toks.is_empty() {
        return Ok(None);
    }
    let mut p = Parser { toks, pos: 0, fields };
    let e = p.or_expr()?;
    match p.toks.get(p.pos) {
        None => Ok(Some(e)),
        Some(t) => {
            Err(format!("Unexpected {} in the conditions; join comparisons with 'and' / 'or'.", describe(Some(t))))
        }
    }
}
