package org.qise.qasm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.qise.param.Expression;

/**
 * Parses OpenQASM 2.0 parameter expressions. Precedence, loosest first: {@code + -},
 * {@code * /}, unary minus, then {@code ^} (right-associative, so {@code -2^2} is −4 and
 * {@code 2^3^2} is 2^9). Numbers, {@code pi}, parentheses, the built-in functions and, inside a
 * gate body, the gate's formal parameters are the atoms.
 */
final class ExpressionParser {
    private final TokenCursor in;
    private final List<String> formals;
    /** Circuit parameters the caller allows as free names (empty: plain OpenQASM 2.0). */
    private final Set<String> symbols;
    private final int maxDepth;
    private int depth;

    /**
     * @param formals  the names of the enclosing gate's parameters (empty outside gate bodies)
     * @param maxDepth how deeply expressions may nest before the parser refuses (keeps the stack safe)
     */
    ExpressionParser(TokenCursor in, List<String> formals, int maxDepth) {
        this(in, formals, Set.of(), maxDepth);
    }

    /** As above, also accepting the circuit parameters {@code symbols} as names. */
    ExpressionParser(TokenCursor in, List<String> formals, Set<String> symbols, int maxDepth) {
        this.in = in;
        this.formals = formals;
        this.symbols = symbols;
        this.maxDepth = maxDepth;
    }

    /** Parses the text of one constant expression and evaluates it, as the importer would read it. */
    static double evaluateConstant(String text) {
        TokenCursor cursor = new TokenCursor(text, "<expression>");
        Expr e = new ExpressionParser(cursor, List.of(), 64).expression();
        cursor.expect(Token.Kind.EOF, "end of expression");
        return e.eval(new double[0]);
    }

    Expr expression() {
        Token start = in.peek();
        if (++depth > maxDepth) {
            throw in.error(start, "expression nests more than " + maxDepth + " levels deep");
        }
        Expr first = term();
        List<Expression.Operator> ops = new ArrayList<>();
        List<Expr> operands = new ArrayList<>();
        while (in.peek().is(Token.Kind.PLUS) || in.peek().is(Token.Kind.MINUS)) {
            ops.add(in.next().is(Token.Kind.PLUS) ? Expression.Operator.ADD : Expression.Operator.SUBTRACT);
            operands.add(term());
        }
        depth--;
        return chain(first, ops, operands);
    }

    /** A run of same-level operators as one flat node, so that evaluating it never recurses per term. */
    private static Expr chain(Expr first, List<Expression.Operator> ops, List<Expr> operands) {
        if (ops.isEmpty()) return first;
        return new Expr.Chain(first, ops.toArray(Expression.Operator[]::new), operands.toArray(Expr[]::new));
    }

    private Expr term() {
        Expr first = unary();
        List<Expression.Operator> ops = new ArrayList<>();
        List<Expr> operands = new ArrayList<>();
        while (in.peek().is(Token.Kind.STAR) || in.peek().is(Token.Kind.SLASH)) {
            ops.add(in.next().is(Token.Kind.STAR) ? Expression.Operator.MULTIPLY : Expression.Operator.DIVIDE);
            operands.add(unary());
        }
        return chain(first, ops, operands);
    }

    private Expr unary() {
        if (in.peek().is(Token.Kind.MINUS) || in.peek().is(Token.Kind.PLUS)) {
            Token sign = in.next();
            if (++depth > maxDepth) throw in.error(sign, "expression nests more than " + maxDepth + " levels deep");
            Expr operand = unary();
            depth--;
            return sign.is(Token.Kind.MINUS) ? new Expr.Negate(operand) : operand;
        }
        return power();
    }

    private Expr power() {
        Expr base = atom();
        if (in.peek().is(Token.Kind.CARET)) {
            Token caret = in.next();
            if (++depth > maxDepth) throw in.error(caret, "expression nests more than " + maxDepth + " levels deep");
            Expr exponent = unary(); // right-associative; allows 2^-1
            depth--;
            return new Expr.Binary(Expression.Operator.POWER, base, exponent);
        }
        return base;
    }

    private Expr atom() {
        Token t = in.peek();
        switch (t.kind()) {
            case INTEGER, REAL -> {
                in.next();
                return new Expr.Constant(Double.parseDouble(t.text()));
            }
            case LPAREN -> {
                in.next();
                Expr inner = expression();
                in.expect(Token.Kind.RPAREN, "')'");
                return inner;
            }
            case IDENTIFIER -> {
                in.next();
                if (t.text().equals("pi")) return new Expr.Constant(Math.PI);
                Expression.Function f = Expression.Function.named(t.text());
                if (f != null) {
                    in.expect(Token.Kind.LPAREN, "'(' after function " + t.text());
                    Expr argument = expression();
                    in.expect(Token.Kind.RPAREN, "')'");
                    return new Expr.Function(f, argument);
                }
                int index = formals.indexOf(t.text());
                if (index >= 0) return new Expr.Parameter(t.text(), index);
                if (symbols.contains(t.text())) return new Expr.Symbol(t.text());
                throw in.error(t, !formals.isEmpty()
                        ? "unknown name " + t.describe() + " in expression; the gate's parameters are " + String.join(", ", formals)
                        : !symbols.isEmpty()
                        ? "unknown name " + t.describe() + " in expression; the circuit parameters given are " + String.join(", ", symbols)
                        : "unknown name " + t.describe() + " in expression; only pi, numbers and functions such as sin(…) can be used here");
            }
            default -> throw in.error(t, "expected a number, pi, a parameter or '(' but found " + t.describe());
        }
    }
}
