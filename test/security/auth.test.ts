import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entrypoint, SecurityModel } from '../../src/security/types.js';
import { analyseProject } from '../helpers/project.js';

/** `auth[+authz] ← source/effect detail @file:line` for each evidence item, one string per entrypoint. */
function decision(e: Entrypoint): string {
  const status = `${e.auth}${e.authz ? '+authz' : ''}`;
  return [status, ...e.evidence.map((v) => `${v.source}/${v.effect} ${v.detail} @${v.file}:${v.line}`)].join(
    ' ← ',
  );
}

function decisions(security: SecurityModel): Record<string, string> {
  return Object.fromEntries(security.entrypoints.map((e) => [e.callableId, decision(e)]));
}

describe('authentication: annotations on the implementation and through meta-annotations (cases C03, C04)', () => {
  it('an implementation without security is unknown; @PreAuthorize on the implementing method requires roles', async () => {
    const { security } = await analyseProject('interface-mapping');
    const ticket = 'src/main/java/com/acme/support/web/TicketController.java';
    assert.deepEqual(decisions(security), {
      'com.acme.support.web.TicketController#fetch(Long)': 'unknown',
      'com.acme.support.web.TicketController#open(Ticket)': `authenticated+authz ← annotation/authorized @PreAuthorize("hasRole('AGENT')") on method TicketController#open(Ticket) @${ticket}:25`,
    });
  });

  it('a @PreAuthorize carried by a composed class annotation, transitively, protects every handler', async () => {
    const { security } = await analyseProject('meta-annotations');
    const evidence = `authenticated+authz ← annotation/authorized @PreAuthorize("hasAuthority('STAFF')") via @StaffApi → @StaffOnly on class ToolAdminController @src/main/java/com/acme/tools/web/ToolAdminController.java:9`;
    assert.deepEqual(decisions(security), {
      'com.acme.tools.web.ToolAdminController#register(String)': evidence,
      'com.acme.tools.web.ToolAdminController#registerMany(String)': evidence,
      'com.acme.tools.web.ToolAdminController#retire(long)': evidence,
    });
    // Method security enabled in the code: no note.
    assert.deepEqual(security.notes, []);
  });
});

describe('authentication: class vs method security annotations (case C09)', () => {
  it('the method annotation of a family overrides the class one; @PermitAll is public, @DenyAll denied', async () => {
    const { security } = await analyseProject('security-precedence');
    const reports = 'src/main/java/com/acme/reports/ReportResource.java';
    const operations = 'src/main/java/com/acme/reports/OperationsResource.java';
    const archive = 'src/main/java/com/acme/reports/ArchiveController.java';
    assert.deepEqual(decisions(security), {
      'com.acme.reports.ReportResource#index()': `public ← annotation/public @PermitAll on class ReportResource @${reports}:12`,
      'com.acme.reports.ReportResource#draft(String)': `authenticated+authz ← annotation/authorized @RolesAllowed("editor", "auditor") on method ReportResource#draft(String) (overrides class-level @PermitAll) @${reports}:22`,
      'com.acme.reports.ReportResource#erase(String)': `denied+authz ← annotation/denied @DenyAll on method ReportResource#erase(String) (overrides class-level @PermitAll) @${reports}:29`,
      'com.acme.reports.OperationsResource#overview()': `authenticated+authz ← annotation/authorized @RolesAllowed("operator") on class OperationsResource @${operations}:9`,
      'com.acme.reports.OperationsResource#health()': `public ← annotation/public @PermitAll on method OperationsResource#health() (overrides class-level @RolesAllowed("operator")) @${operations}:19`,
      // JSR-250 "**": any authenticated user, no role.
      'com.acme.reports.OperationsResource#whoami()': `authenticated ← annotation/authenticated @RolesAllowed("**") on method OperationsResource#whoami() (overrides class-level @RolesAllowed("operator")) @${operations}:26`,
      // Spring runs @PreAuthorize and JSR-250 as separate managers: the method's @PermitAll leaves the class's @PreAuthorize in force.
      'com.acme.reports.ArchiveController#latest()': `authenticated ← annotation/authenticated @PreAuthorize("isAuthenticated()") on class ArchiveController @${archive}:12`,
      'com.acme.reports.ArchiveController#open()': `public ← annotation/public @PreAuthorize("permitAll()") on method ArchiveController#open() (overrides class-level @PreAuthorize("isAuthenticated()")) @${archive}:22`,
    });
  });

  it('authz defence flags follow the decision: roles required or closed, never for public endpoints', async () => {
    const { security } = await analyseProject('security-precedence');
    const flags = (id: string): string => {
      const f = security.defences.get(id);
      return `${f?.authn}/${f?.authz}`;
    };
    assert.equal(flags('com.acme.reports.ReportResource#draft(String)'), 'true/true');
    assert.equal(flags('com.acme.reports.OperationsResource#overview()'), 'true/true');
    assert.equal(flags('com.acme.reports.ReportResource#index()'), 'false/false');
    assert.equal(flags('com.acme.reports.OperationsResource#health()'), 'false/false');
    assert.equal(flags('com.acme.reports.ReportResource#erase(String)'), 'true/true');
    assert.equal(flags('com.acme.reports.OperationsResource#whoami()'), 'true/false');
  });

  it('notes Spring method-security annotations when nothing in the code enables method security', async () => {
    const { security } = await analyseProject('security-precedence');
    assert.deepEqual(security.notes, [
      'Spring method-security annotations (@PreAuthorize, @Secured …) decide access to some callables, but no @EnableMethodSecurity or @EnableGlobalMethodSecurity was found in the code; they are counted as enforced',
    ]);
  });
});

describe('authentication: HttpSecurity lambda DSL (case C10)', () => {
  it('first matching rule decides, constant pattern arrays resolved, verb-specific rules only for that verb', async () => {
    const { security } = await analyseProject('lambda-dsl');
    const config = 'src/main/java/com/acme/store/config/WebSecurity.java';
    const rule1 = `rule 1 "/api/auth/**", "/api/status" → permitAll() in WebSecurity#filterChain(HttpSecurity)`;
    const rule2 = `rule 2 GET "/api/products/**" → permitAll() in WebSecurity#filterChain(HttpSecurity) (matched "/api/products/**") @${config}:24`;
    const rule4 = `rule 4 anyRequest() → authenticated() in WebSecurity#filterChain(HttpSecurity) @${config}:26`;
    assert.deepEqual(decisions(security), {
      'com.acme.store.web.AuthController#token(String)': `public ← http-security/public ${rule1} (matched "/api/auth/**") @${config}:23`,
      'com.acme.store.web.StatusController#status()': `public ← http-security/public ${rule1} (matched "/api/status") @${config}:23`,
      'com.acme.store.web.ProductController#show(String)': `public ← http-security/public ${rule2}`,
      'com.acme.store.web.ProductController#change(String,String)': `authenticated ← http-security/authenticated ${rule4}`,
      // Any verb: a GET request is let through by rule 2, so the endpoint is open.
      'com.acme.store.web.ProductController#search(String)': `public ← http-security/public ${rule2}`,
      'com.acme.store.web.BackOfficeController#staff()': `authenticated+authz ← http-security/authorized rule 3 "/api/back-office/**" → hasRole("MANAGER") in WebSecurity#filterChain(HttpSecurity) (matched "/api/back-office/**") @${config}:25`,
      'com.acme.store.web.BasketController#basket()': `authenticated ← http-security/authenticated ${rule4}`,
    });
  });

  it('the security DSL calls in the chain builder are no body checks', async () => {
    const { security } = await analyseProject('lambda-dsl');
    const builder = security.defences.get('com.acme.store.config.WebSecurity#filterChain(HttpSecurity)');
    assert.deepEqual([builder?.authn, builder?.authz], [false, false]);
  });
});

describe('authentication: rule order in the chained authorizeRequests() style (case C11)', () => {
  it('first match wins, not the most specific pattern', async () => {
    const { security } = await analyseProject('rule-order');
    const config = 'src/main/java/com/acme/forum/config/ForumSecurityConfig.java';
    const rule2 = `authenticated+authz ← http-security/authorized rule 2 "/**" → hasRole("USER") in ForumSecurityConfig#configure(HttpSecurity) (matched "/**") @${config}:18`;
    assert.deepEqual(decisions(security), {
      'com.acme.forum.web.HelpController#faq()': `public ← http-security/public rule 1 "/help/**" → permitAll() in ForumSecurityConfig#configure(HttpSecurity) (matched "/help/**") @${config}:17`,
      'com.acme.forum.web.ThreadController#mine()': rule2,
      'com.acme.forum.web.GuestController#board()': rule2,
    });
  });

  it('notes the rule shadowed by the earlier catch-all; formLogin().permitAll() opens no route', async () => {
    const { security } = await analyseProject('rule-order');
    assert.deepEqual(security.notes, [
      'src/main/java/com/acme/forum/config/ForumSecurityConfig.java:19: HttpSecurity rule 3 "/guest", "/guest/**" → permitAll() in ForumSecurityConfig#configure(HttpSecurity) is shadowed by rule 2 "/**" → hasRole("USER") (line 18) and never decides',
    ]);
  });
});

describe('authentication: several chains scoped by securityMatcher', () => {
  it('a chain with a matching securityMatcher is used before the catch-all chain', async () => {
    const { security } = await analyseProject('scoped-chains');
    const summary = Object.fromEntries(
      security.entrypoints.map((e) => [
        e.callableId.split('#')[1],
        `${e.auth}${e.authz ? '+authz' : ''} ${e.evidence[0]?.detail ?? ''}`,
      ]),
    );
    assert.deepEqual(summary, {
      'home()': 'public rule 2 anyRequest() → permitAll() in ChainsConfig#site(HttpSecurity)',
      'settings()':
        'authenticated rule 1 "/account/**" → authenticated() in ChainsConfig#site(HttpSecurity) (matched "/account/**")',
      'orders()':
        'authenticated+authz rule 2 anyRequest() → hasAuthority("SCOPE_api") in ChainsConfig#api(HttpSecurity)',
      'reindex()':
        'denied+authz rule 1 "/api/admin/**" → denyAll() in ChainsConfig#api(HttpSecurity) (matched "/api/admin/**")',
    });
  });
});

describe('authentication: checks in the body', () => {
  it('SecurityContextHolder / getAuthentication() authenticate; isUserInRole() authorises; nothing is unknown', async () => {
    const { security } = await analyseProject('body-checks');
    const file = 'src/main/java/com/acme/desk/DeskController.java';
    assert.deepEqual(decisions(security), {
      'com.acme.desk.DeskController#me()': `authenticated ← body/authenticated SecurityContextHolder.getContext() called in DeskController#me() @${file}:14 ← body/authenticated getAuthentication() called in DeskController#me() @${file}:14`,
      'com.acme.desk.DeskController#admin(HttpServletRequest)': `authenticated+authz ← body/authorized isUserInRole() called in DeskController#admin(HttpServletRequest) @${file}:20`,
      'com.acme.desk.DeskController#open()': 'unknown',
    });
  });
});

describe('authentication: sources combine as Spring enforces them (filter chain, then method security)', () => {
  it('denied if either denies, authenticated if either requires it, public only when every source allows anonymous access', async () => {
    const { security } = await analyseProject('combined-sources');
    const summary = Object.fromEntries(
      security.entrypoints.map((e) => [
        e.callableId.split('#')[1],
        `${e.auth}${e.authz ? '+authz' : ''} ${e.evidence.map((v) => v.source).join(',')}`,
      ]),
    );
    assert.deepEqual(summary, {
      // permitAll rule, then @PreAuthorize: roles required.
      'salaries()': 'authenticated+authz annotation',
      // permitAll rule, then @DenyAll: closed.
      'archive()': 'denied+authz annotation',
      // authenticated() rule, then @PermitAll: still authenticated.
      'handbook()': 'authenticated http-security',
      // permitAll rule alone.
      'holidays()': 'public http-security',
    });
    assert.deepEqual(security.notes, []);
  });
});

describe('authentication: chains of a multi-module repository', () => {
  it("an application's own chain applies to it, a shared library's chain to every application, another application's chain never", async () => {
    const { security } = await analyseProject('multi-module');
    const summary = Object.fromEntries(
      security.entrypoints.map((e) => [e.callableId, `${e.auth} ${e.evidence[0]?.detail ?? ''}`]),
    );
    assert.deepEqual(summary, {
      // admin-app runs its own chain first (and the shared one, never reached).
      'com.acme.admin.DemoController#demo()':
        'public rule 1 anyRequest() → permitAll() in DemoSecurity#demo(HttpSecurity)',
      // shop-app has no chain of its own: the security library's applies, admin-app's does not.
      'com.acme.shop.CheckoutController#checkout()':
        'authenticated rule 1 anyRequest() → authenticated() in SharedSecurity#shared(HttpSecurity)',
    });
    assert.deepEqual(security.notes, [
      '2 HttpSecurity chains apply to every request (DemoSecurity#demo(HttpSecurity), SharedSecurity#shared(HttpSecurity)); only the first, DemoSecurity#demo(HttpSecurity), is used',
    ]);
  });
});
