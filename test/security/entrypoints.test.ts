import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseProject, entrypoint, routeTable } from '../helpers/project.js';

describe('entrypoints: class-level route prefixes (case C01)', () => {
  it('joins every class prefix with every method path with one slash, verbs from the mapping', async () => {
    const { security } = await analyseProject('class-prefix');
    // Worked out by hand: 7 mapped methods; describe(long) has no mapping; the test class is test code.
    assert.deepEqual(routeTable(security), [
      'com.acme.billing.web.CustomerController#find(long) http GET /api/v1/customers/{customerId} /api/v2/customers/{customerId}',
      'com.acme.billing.web.CustomerController#index() http GET,HEAD /api/v1/customers /api/v2/customers',
      'com.acme.billing.web.CustomerController#remove(long) http DELETE /api/v1/customers/{customerId} /api/v2/customers/{customerId}',
      'com.acme.billing.web.InvoiceController#bulk(String) http PATCH /invoices/bulk',
      'com.acme.billing.web.InvoiceController#create(String) http POST /invoices',
      'com.acme.billing.web.InvoiceController#lines(String) http GET /invoices/{invoiceId}/lines',
      'com.acme.billing.web.InvoiceController#recent() http GET /invoices/latest /invoices/recent',
    ]);
    for (const e of security.entrypoints) assert.equal(e.framework, 'spring-mvc');
  });

  it('without security annotations or HttpSecurity rules every entrypoint is unknown, with no evidence', async () => {
    const { security } = await analyseProject('class-prefix');
    for (const e of security.entrypoints)
      assert.deepEqual([e.callableId, e.auth, e.authz, e.evidence], [e.callableId, 'unknown', false, []]);
  });

  it('an unmapped public method of a mapped controller is not an entrypoint', async () => {
    const { security } = await analyseProject('class-prefix');
    assert.equal(
      security.entrypoints.some((e) => e.callableId.includes('#describe(')),
      false,
    );
  });

  it('test code is never an entrypoint', async () => {
    const { security } = await analyseProject('class-prefix');
    assert.equal(
      security.entrypoints.some((e) => e.callableId.includes('InvoiceControllerTest')),
      false,
    );
  });
});

describe('entrypoints: JAX-RS verb and @Path are siblings (case C02)', () => {
  it('reads the verb and the sibling @Path in either order, with the class @Path as prefix', async () => {
    const { security } = await analyseProject('jaxrs-siblings');
    assert.deepEqual(routeTable(security), [
      'com.acme.parts.PartResource#discard(String) http DELETE /catalogue/parts/{sku}',
      'com.acme.parts.PartResource#page(int) http GET /catalogue/parts',
      'com.acme.parts.PartResource#restock(String,StockChange) http PUT /catalogue/parts/{sku}/stock',
      'com.acme.parts.PartResource#total() http GET /catalogue/parts/total',
    ]);
    for (const e of security.entrypoints) assert.equal(e.framework, 'jax-rs');
  });

  it('no security source: auth unknown', async () => {
    const { security } = await analyseProject('jaxrs-siblings');
    assert.deepEqual(
      security.entrypoints.map((e) => e.auth),
      ['unknown', 'unknown', 'unknown', 'unknown'],
    );
  });

  it('the injected constructor and the plain interface are not entrypoints', async () => {
    const { security } = await analyseProject('jaxrs-siblings');
    assert.equal(
      security.entrypoints.some(
        (e) => e.callableId.includes('#PartResource(') || e.callableId.includes('PartStore'),
      ),
      false,
    );
  });

  it('binds @QueryParam/@PathParam and the unannotated entity; the @ConfigProperty constructor argument is no client data', async () => {
    const { security } = await analyseProject('jaxrs-siblings');
    const restock = entrypoint(security, 'com.acme.parts.PartResource#restock(String,StockChange)');
    assert.deepEqual(
      restock.clientParameters.map((p) => `${p.name}:${p.binding}:${p.level}`),
      ['sku:PathParam:medium', 'change:unannotated:medium'],
    );
  });
});

describe('entrypoints: mappings declared on an interface (case C03)', () => {
  it('applies interface mappings and the interface prefix to the implementation only', async () => {
    const { security } = await analyseProject('interface-mapping');
    assert.deepEqual(routeTable(security), [
      'com.acme.support.web.TicketController#fetch(Long) http GET /tickets/{ticketId}',
      'com.acme.support.web.TicketController#open(Ticket) http POST /tickets',
    ]);
  });

  it('takes parameter bindings and @Valid from the interface method', async () => {
    const { security } = await analyseProject('interface-mapping');
    const fetch = entrypoint(security, 'com.acme.support.web.TicketController#fetch(Long)');
    assert.deepEqual(fetch.clientParameters, [
      { name: 'ticketId', type: 'Long', binding: 'PathVariable', level: 'low' },
    ]);
    assert.equal(fetch.inputLevel, 'low');
    assert.equal(fetch.validated, false);
    const open = entrypoint(security, 'com.acme.support.web.TicketController#open(Ticket)');
    assert.equal(open.validated, true);
    assert.deepEqual(open.clientParameters, [
      { name: 'ticket', type: 'Ticket', binding: 'RequestBody', level: 'medium' },
    ]);
  });
});

describe('entrypoints: annotation identity (case C04)', () => {
  it('resolves type- and method-level meta-annotations and aliased paths, never look-alike names', async () => {
    const { security } = await analyseProject('meta-annotations');
    // @StaffApi carries @RequestMapping("/staff/tools"); @JsonPut("/items") is a @PutMapping with its value as path;
    // @PostMappingHint is no mapping, and annotation elements are no callables.
    assert.deepEqual(routeTable(security), [
      'com.acme.tools.web.ToolAdminController#register(String) http PUT /staff/tools/items',
      'com.acme.tools.web.ToolAdminController#registerMany(String) http PUT /staff/tools/items/batch /staff/tools/items/bulk',
      'com.acme.tools.web.ToolAdminController#retire(long) http DELETE /staff/tools/items/{id}',
    ]);
  });
});

describe('entrypoints: JAX-RS application path, custom verbs and sub-resources', () => {
  it('prefixes @ApplicationPath, reads @HttpMethod verbs and routes sub-resources below their locator', async () => {
    const { security } = await analyseProject('jaxrs-application');
    assert.deepEqual(routeTable(security), [
      'com.acme.rest.FileResource#list() http GET /rest/folders/{name}/files',
      'com.acme.rest.FolderResource#files() http * /rest/folders/{name}/files',
      'com.acme.rest.FolderResource#list() http GET /rest/folders',
      'com.acme.rest.FolderResource#properties() http PROPFIND /rest/folders/{name}',
    ]);
  });
});

describe('entrypoints: servlets', () => {
  it('maps doX methods of HttpServlet subclasses through a repository base class, routes from @WebServlet', async () => {
    const { security } = await analyseProject('servlets');
    // The base class's doDelete serves both servlets that inherit it; clientAddress is no handler.
    assert.deepEqual(routeTable(security), [
      'com.acme.legacy.AuditedServlet#doDelete(HttpServletRequest,HttpServletResponse) http DELETE /status /upload /upload/*',
      'com.acme.legacy.StatusServlet#doGet(HttpServletRequest,HttpServletResponse) http GET /status',
      'com.acme.legacy.UploadServlet#doPost(HttpServletRequest,HttpServletResponse) http POST /upload /upload/*',
    ]);
    const post = entrypoint(
      security,
      'com.acme.legacy.UploadServlet#doPost(HttpServletRequest,HttpServletResponse)',
    );
    assert.equal(post.framework, 'servlet');
    assert.deepEqual(post.clientParameters, [
      { name: 'request', type: 'HttpServletRequest', binding: 'raw-request', level: 'high' },
    ]);
  });
});

describe('entrypoints: listeners, jobs and gRPC', () => {
  it('a class-level @KafkaListener makes only its @KafkaHandler methods entrypoints', async () => {
    const { security } = await analyseProject('listeners-jobs');
    const handlers = security.entrypoints.filter((e) =>
      e.callableId.startsWith('com.acme.orders.OrderEventsListener#'),
    );
    assert.deepEqual(
      handlers.map((e) => `${e.callableId} ${e.kind} ${e.framework} ${e.channels.join(',')}`),
      [
        'com.acme.orders.OrderEventsListener#cancelled(OrderCancelled) mq kafka order-events',
        'com.acme.orders.OrderEventsListener#created(OrderCreated) mq kafka order-events',
      ],
    );
  });

  it('method-level listeners and @Scheduled jobs, with their payloads', async () => {
    const { security } = await analyseProject('listeners-jobs');
    const ledger = entrypoint(
      security,
      'com.acme.orders.LedgerConsumers#ledger(ConsumerRecord<String,String>,Acknowledgment)',
    );
    assert.deepEqual(
      [ledger.kind, ledger.framework, ledger.channels],
      ['mq', 'kafka', ['ledger', 'ledger-retry']],
    );
    // The acknowledgement is injected by the framework; the raw record is untyped.
    assert.deepEqual(ledger.clientParameters, [
      { name: 'entry', type: 'ConsumerRecord<String,String>', binding: 'payload', level: 'high' },
    ]);
    const mail = entrypoint(security, 'com.acme.orders.LedgerConsumers#mail(String,int)');
    assert.deepEqual([mail.framework, mail.channels, mail.inputLevel], ['rabbitmq', ['mail-out'], 'medium']);
    const job = entrypoint(security, 'com.acme.orders.LedgerConsumers#reconcile()');
    assert.deepEqual(
      [job.kind, job.framework, job.clientParameters, job.inputLevel],
      ['job', 'spring-scheduling', [], null],
    );
  });

  it('gRPC service methods of *ImplBase subclasses are rpc entrypoints; other public methods are not', async () => {
    const { security } = await analyseProject('listeners-jobs');
    const rpc = security.entrypoints.filter((e) => e.kind === 'rpc');
    assert.deepEqual(
      rpc.map((e) => e.callableId),
      ['com.acme.orders.GreeterService#sayHello(HelloRequest,StreamObserver<HelloReply>)'],
    );
    assert.deepEqual(rpc[0]?.clientParameters, [
      { name: 'request', type: 'HelloRequest', binding: 'payload', level: 'medium' },
    ]);
    assert.equal(security.entrypoints.length, 6);
  });
});

describe('entrypoints: Spring functional routes', () => {
  it('the handler methods routes point to are entrypoints with their verbs and routes; the router bean is not', async () => {
    const { security } = await analyseProject('functional-router');
    assert.deepEqual(routeTable(security), [
      'com.acme.pets.PetHandler#add(ServerRequest) http POST /pets',
      'com.acme.pets.PetHandler#show(ServerRequest) http GET /owners/{ownerId}/pets /pets/{id}',
    ]);
    assert.equal(
      entrypoint(security, 'com.acme.pets.PetHandler#show(ServerRequest)').framework,
      'spring-webflux-functional',
    );
  });

  it('notes a RouterFunction bean whose routes could not be read', async () => {
    const { security } = await analyseProject('functional-router');
    assert.deepEqual(security.notes, [
      'src/main/java/com/acme/pets/PetRoutes.java:24: com.acme.pets.PetRoutes#dynamicRouter(Supplier<RouterFunction<ServerResponse>>) builds a RouterFunction whose routes could not be read; its handlers are not entrypoints',
    ]);
  });
});

describe('entrypoints: configured extra annotations', () => {
  it('a simple or qualified configured annotation name marks http entrypoints with its path', async () => {
    for (const name of ['InboundHook', 'com.acme.hooks.InboundHook']) {
      const { security } = await analyseProject('custom-entrypoint', {
        extraEntrypointAnnotations: [name],
        extraSinkApis: [],
      });
      assert.deepEqual(routeTable(security), [
        'com.acme.hooks.HookReceiver#payment(String) http * /hooks/payment',
      ]);
      assert.equal(security.entrypoints[0]?.framework, 'custom');
    }
    const none = await analyseProject('custom-entrypoint');
    assert.deepEqual(none.security.entrypoints, []);
  });
});

describe('entrypoints: the parameterised JDBC project (case C17)', () => {
  it('only the controller methods are entrypoints; the DAO is reached through them', async () => {
    const { security } = await analyseProject('parameterised-jdbc');
    assert.deepEqual(routeTable(security), [
      'com.acme.alerts.AlertController#list(long) http GET /accounts/{accountId}/alerts',
      'com.acme.alerts.AlertController#preview(String) http GET /alerts/preview',
      'com.acme.alerts.AlertController#purge(String) http POST /alerts/purge',
      'com.acme.alerts.AlertController#signUp(Signup) http POST /signups',
    ]);
    const list = entrypoint(security, 'com.acme.alerts.AlertController#list(long)');
    assert.deepEqual([list.auth, list.validated, list.inputLevel], ['unknown', false, 'low']);
    // Signup's fields carry @Email/@NotBlank: a constrained DTO is low.
    assert.equal(entrypoint(security, 'com.acme.alerts.AlertController#signUp(Signup)').inputLevel, 'low');
  });
});

describe('entrypoints: mappings inherited from an abstract base controller', () => {
  it('a base method runs under each subclass that does not override it, with that subclass prefix and security', async () => {
    const { security } = await analyseProject('base-controller');
    assert.deepEqual(routeTable(security), [
      'com.acme.crud.ArchivedController#archive() http GET /old/archive',
      // TeamController overrides delete: the base method serves /users only.
      'com.acme.crud.CrudController#delete(long) http DELETE /users/{id}',
      'com.acme.crud.CrudController#get(long) http GET /teams/{id} /users/{id}',
      'com.acme.crud.TeamController#delete(long) http DELETE /teams/{id}',
    ]);
    // ArchivedBase#archive is overridden by its only concrete subclass: it never runs.
    assert.equal(
      security.entrypoints.some((e) => e.callableId.startsWith('com.acme.crud.ArchivedBase#')),
      false,
    );
    // Under /teams the class-level @PreAuthorize applies, under /users nothing: the most open decides.
    assert.equal(entrypoint(security, 'com.acme.crud.CrudController#get(long)').auth, 'unknown');
    assert.equal(entrypoint(security, 'com.acme.crud.TeamController#delete(long)').auth, 'authenticated');
  });
});
