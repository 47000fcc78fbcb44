// Stand-in for `server-only` under Vitest and scripts: the real package throws outside React
// Server Components; the guard it provides is enforced by Next's build, not by unit tests.
export {};
