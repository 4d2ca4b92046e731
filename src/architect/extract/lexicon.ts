/** Word lists the heuristic extractor reads free text with. All lowercase. */

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Determiners and possessives: skipped in system names and data phrases, never break a phrase. */
export const DETERMINERS = words('the our my a an their your its this these those all any some every each both his her');

/** Words that carry no meaning as "what flows" (the brief's noise words and friends). */
export const NOISE = words('data system systems stuff info information things everything api apis job jobs cron cronjob crontab script scripts msg msgs zap zaps');

/** Whose a system is ("our in-house CRM service"): said of systems, never part of the data. */
export const OWNERSHIP_WORDS = words('internal in-house inhouse legacy own homegrown home-grown custom');

/** Verbs that describe moving data; the word after them is the moved object (or its source system). */
export const FLOW_VERBS = words(`
  sync syncs synced syncing synchronize synchronizes synchronized synchronise synchronises synchronised
  push pushes pushed pushing send sends sent sending copy copies copied copying replicate replicates replicated
  stream streams streamed streaming forward forwards forwarded export exports exported import imports imported
  load loads loaded loading move moves moved moving mirror mirrors mirrored mirroring pipe pipes piped post posts posted
  publish publishes published feed feeds fed upsert upserts upserted write writes written ingest ingests ingested
  migrate migrates migrated transfer transfers transferred pull pulls pulled pulling fetch fetches fetched
  get gets bring brings update updates updated create creates created populate populates populated
  enrich enriches enriched integrate integrates integrated connect connects connected keep keeps receive receives received
  deliver delivers delivered propagate propagates relay relays emit emits emitted land lands flow flows go goes
  route routes routed dump dumps backfill backfills replicating reflect reflects add adds added insert inserts
  open opens raise raises log logs record records notify notifies trigger triggers generate generates issue issues
  file files make makes dumped dumping exporting importing writing posting publishing forwarding ship ships take takes taking rebuild rebuilds rebuilt reindex reindexes`);

/** Verb forms that are just as often nouns in a data phrase ("order updates", "GitHub issues"). */
export const VERB_NOUNS = words(`
  update updates record records log logs file files issue issues export exports import imports copy copies
  stream streams feed feeds load loads post posts flow flows route routes dump dumps backfill backfills
  trigger triggers alert alerts sync syncs transfer transfers upsert upserts event events drop drops`);

/** Words that say nothing about what moves when they stand alone ("keep them in sync"). */
export const EMPTY_DATA = words(`
  sync syncs flow flows transfer transfers integration copy copies stream streams feed feeds load loads upsert upserts
  backfill backfills dump dumps route routes update updates provisioning deprovisioning replication mirroring refresh refreshes`);

/** Queues and databases: an endpoint after "into", but the user's stack after "with"/"on"/"using". */
export const STACK_COMPONENTS = words('kafka rabbitmq sqs sns eventbridge pub/sub pubsub postgres postgresql mysql redis');

/** Verbs that start the action half of "when X happens, <action> in Y". */
export const ACTION_VERBS = words(`
  create add open raise update upsert post send insert generate log record notify trigger file make issue
  start sync push mark close set write draft book schedule page alert transition move resolve assign comment label tag`);

/** Verbs after which a "with X" names the source ("populate Salesforce with Stripe payments"). */
export const WITH_SOURCE_VERBS = words('populate populates enrich enriches fill fills feed feeds seed seeds hydrate hydrates update updates');

/** Words that make a sentence two-way. */
export const BIDIRECTIONAL_MARKERS = words('two-way 2-way bidirectional bi-directional bidirectionally mutual');

/** Subordinators that open the event half of a trigger sentence. */
export const TRIGGER_WORDS = words('when whenever once after');

/** Auxiliaries, pronouns and filler: never part of a data phrase. */
export const FILLER = words(`
  but yet although though however we i you they it them us me he she one need needs want wants would should must will can could like
  be is are was were been being have has had do does did please also then just so that which who whom whose what
  automatically continuously reliably regularly periodically time times whenever when if once whether
  one-way two-way 2-way bidirectional bi-directional bidirectionally both ways way directions direction mutual
  sync synchronization synchronisation integration integrations pipeline pipelines connector design build set up
  help how there here let lets make sure using use uses used via able there's it's we're need to
  compliant compliance requirement requirements constraint constraints regulated rules rule
  happens happen occurs occur gets get new-ish then also back forth over again every each
  latency lag delay sla freshness around about roughly approximately ~ up near under within less than
  than more most least only currently today right now soon fast quickly asap immediately instantly
  them it those these they're process processes processed handle handles run runs expect expects see
  batch batches fine ok okay acceptable good enough needed required expected planned something anything
  today tomorrow going consume consumes consumed consuming pls plz please thx thanks tbh asap fyi btw imo lol
  prod production staging dev cluster env
  day days daily night nights nightly morning mornings evening evenings week weeks weekly month months monthly hour
  hours hourly minute minutes weekday weekdays weekend weekends am pm
  reconcile reconciles reconciled reconciling matched against poll polls polled polling
  sometimes often usually always never occasionally rarely still randomly everywhere constantly already
  on-prem on-premise on-premises onprem put puts
  two three four five six seven eight nine ten several multiple various sources destinations targets sinks
  pgp pgp-encrypted gpg gpg-encrypted encrypted gzipped gzip zipped compressed
  skip skips skipped skipping broken breaks failing fails failed dies died crashes crashed because since
  show shows showed appear appears appeared miss misses missed says said mode modes cutover cut-over q1 q2 q3 q4 dba dbas
  peak peaks peaking analysts analyst admins admin folks someone somebody anyone nobody everyone`);

/** Prepositions that mark the role of a following system. */
export const FROM_PREPS = words('from');
export const TO_PREPS = words('into to onto towards toward inside');
export const LOCATION_PREPS = words('in on at');

/** Every preposition: ends a data phrase unless it joins two content words (see JOINERS). */
export const PREPOSITIONS = words(`
  from into to onto towards toward inside in on at with between via through over across as of for by off per
  out within under after before about against among upon`);

/** Words that may sit inside a data phrase between two content words ("payments and refunds", "orders for EU"). */
export const JOINERS = words('and or & , of for plus with');

/** Conjunctions that chain systems ("Stripe and PayPal"). */
export const CONJUNCTIONS = words('and or & , plus');

/** Capitalised words that are never system names on their own. */
export const NOT_SYSTEM_NAMES = words(`
  i we our the when whenever if once then please every each also and but so sync push send create update mirror import
  export integrate connect keep pull move copy stream load design build help need want make after before for from
  to into in on with between both two-way 2-way one-way 1-way bi-directional bidirectional real-time realtime near eu us uk eea emea apac gdpr pci pci-dss
  hipaa soc sox ccpa pii phi oauth oauth2 oauth2.0 api apis rest graphql soap json xml csv http https jwt saml sso sla utc
  etl cdc webhook webhooks monday tuesday wednesday thursday friday saturday sunday january february march april may june
  july august september october november december it this that they these those there here what which who how hi hello
  hey thanks note also currently today data events event records record nightly daily hourly weekly aws gcp azure
  kubernetes k8s lambda heroku node node.js nodejs python java golang typescript javascript .net c# ruby rails php
  docker terraform go is are our my your their can should must will would could let lets integration pipeline new
  ideally basically finally first second third`);

/**
 * Business objects users capitalise ("Contacts", "Opportunity"): data, not systems.
 * Singular and plural forms are checked through `singular()`.
 */
export const OBJECT_NOUNS = words(`
  order contact lead deal invoice payment refund account opportunity customer user event record ticket product
  subscription charge quote case issue employee candidate message transaction shipment item file document
  campaign company note task meeting incident alert`);

/** Trailing words that belong to a system mention but not to its name ("our Shopify store"). */
export const SYSTEM_SUFFIXES = words('store shop org instance portal tenant workspace environment database db cluster server topic topics queue exchange index bucket drop folder stream table schema api feed');

/** Head nouns that make a lowercase phrase a system ("our billing service", "the data warehouse"). */
export const SYSTEM_HEADS = words(`
  erp crm warehouse lake ledger service svc system platform app application backend portal queue bus helpdesk oms wms
  hris cms pos website site store shop spreadsheet bucket microservice monolith database db datastore api
  bank 3pl carrier supplier distributor wholesaler lender insurer acquirer clearinghouse custodian`);

/** Heads that name a system on their own ("our ERP"); the others need a word before them ("billing service"). */
export const STANDALONE_HEADS = words(`
  erp crm warehouse lake ledger helpdesk oms wms hris cms pos spreadsheet monolith datastore
  bank 3pl carrier supplier distributor wholesaler lender insurer acquirer clearinghouse custodian`);

/** Other companies: a head on its own ("our bank"), but a modifier before a noun ("bank transactions"). */
export const PARTY_HEADS = words('bank 3pl carrier supplier distributor wholesaler lender insurer acquirer clearinghouse custodian');

/** Words after a head noun that make the phrase about people, not a system ("the warehouse team"). */
export const PEOPLE_AFTER_HEAD = words('team teams people folks engineers engineering owner owners squad guys staff managers manager ops side lead leads');

/**
 * Tools that move data between systems rather than systems of record: today's mechanism in a request, never an
 * endpoint of a flow ("inventory DB → Debezium → Kafka" is a flow from the inventory DB to Kafka).
 */
export const MECHANISMS = words(`
  debezium fivetran airbyte stitch airflow dag dags zapier zap zaps workato mulesoft boomi tray cron crontab cronjob
  logstash nifi dbt etl elt meltano hevo matillion informatica talend celigo`);

/**
 * Capitalised words that are not systems: teams, roles, statuses, stages, periods, error codes, metrics and
 * business terms people capitalise in requests.
 */
export const NOT_SYSTEM_WORDS = words(`
  volume volumes changes change bookings booking done ready closed won lost open pending new fyi pr prs mr mrs csm csms
  mql mqls sql sqls sla slas slo slos p0 p1 p2 p3 p4 sev1 sev2 sev sre sres ops devops finance sales marketing support
  legal hr it eng engineering product growth revops ar ap q1 q2 q3 q4 h1 h2 fy kpi kpis mrr arr ltv cac gmv roi eta
  etimedout econnreset econnrefused enotfound timeout timeouts error errors exception exceptions warning
  enterprise professional standard premium plus pro team edition tier plan starter basic free trial
  webhook webhooks callback callbacks event events status statuses order orders invoice invoices lead leads deal deals
  contact contacts account accounts opportunity opportunities ticket tickets customer customers user users
  monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
  black cyber holiday season stage stages step steps phase phases flow flows apex trigger triggers`);

/** Words after a head noun that make the phrase one aspect of a system, not a system ("the marketing site search"). */
export const ASPECT_AFTER_HEAD = words('search traffic visitors pages analytics performance uptime redesign launch migration config configuration settings outage outages downtime');

/** Words after a head noun that make it a machine something runs on, not a system ("the old app server"). */
export const HOST_AFTER_HEAD = words('server servers box boxes host hosts machine machines vm vms node nodes instance instances pod pods');

/** System type words that describe what an unnamed system does; value = the description to use. */
export const DESCRIPTIVE_TYPES: ReadonlyMap<string, string> = new Map([
  ['erp', 'ERP'],
  ['crm', 'CRM'],
  ['oms', 'order management system'],
  ['wms', 'warehouse management system'],
  ['hris', 'HR information system'],
  ['cms', 'content management system'],
  ['pos', 'point-of-sale system'],
  ['helpdesk', 'helpdesk'],
  ['ledger', 'ledger'],
  ['warehouse', 'data warehouse'],
  ['lake', 'data lake'],
  ['database', 'database'],
  ['db', 'database'],
  ['datastore', 'database'],
  ['feed', 'published data feed (files or an HTTP endpoint to fetch)'],
  ['pim', 'product information management system'],
  ['dam', 'digital asset management system'],
  ['cdp', 'customer data platform'],
  ['mdm', 'master data management system'],
  ['lms', 'learning management system'],
  ['ats', 'applicant tracking system'],
  ['cpq', 'configure-price-quote system'],
  ['tms', 'transportation management system'],
  ['ehr', 'electronic health record system'],
  ['emr', 'electronic medical record system'],
  ['plm', 'product lifecycle management system'],
  ['mes', 'manufacturing execution system'],
  ['itsm', 'IT service management system'],
  ['cluster', 'our services running on this cluster'],
  // Other companies we exchange data with: their system is reached by file or API, whichever they offer.
  ['bank', "bank (another company's system)"],
  ['3pl', "third-party logistics provider (another company's system)"],
  ['carrier', "shipping carrier (another company's system)"],
  ['supplier', "supplier (another company's system)"],
  ['distributor', "distributor (another company's system)"],
  ['wholesaler', "wholesaler (another company's system)"],
  ['lender', "lender (another company's system)"],
  ['insurer', "insurer (another company's system)"],
  ['acquirer', "card acquirer (another company's system)"],
  ['clearinghouse', "clearinghouse (another company's system)"],
  ['custodian', "custodian (another company's system)"],
]);

/** Platforms and languages that are the user's stack, not an integration endpoint, after "on"/"in"/"using". */
export const STACK_PLATFORMS = words('aws gcp azure kubernetes k8s heroku lambda node node.js nodejs python java golang typescript javascript .net ruby rails php docker terraform vercel');
