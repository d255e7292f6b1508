/* global document, window, fetch, EventSource, setInterval, clearInterval, setTimeout, location, confirm */
/*
 * The web service's browser script (served as assets/web.js; the pages' Content-Security-Policy
 * allows no other script). It reads the page's data from the JSON block #csqa-page and adds:
 * inline validation on the start page, live progress over server-sent events on the job page,
 * and a confirmation before deleting a job. Every text from the server or the repository goes
 * into the page with textContent, never as HTML.
 */
(function () {
  'use strict';
  const dataElement = document.getElementById('csqa-page');
  if (dataElement === null) return;
  const page = JSON.parse(dataElement.textContent);

  function t(key, values) {
    const text = Object.prototype.hasOwnProperty.call(page.texts, key) ? page.texts[key] : key;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function byId(id) {
    return document.getElementById(id);
  }

  // ---- start page
  function startPage() {
    const form = byId('start-form');
    const repo = byId('repoUrl');
    const ref = byId('ref');
    const submit = byId('submit');
    const errors = { repoUrl: byId('repoUrl-error'), ref: byId('ref-error'), form: byId('form-error') };

    byId('example').addEventListener('click', function () {
      repo.value = byId('example').getAttribute('data-example');
      ref.value = '';
      showError(null, '');
      repo.focus();
    });

    function showError(field, text) {
      Object.keys(errors).forEach(function (name) {
        errors[name].hidden = name !== field;
        errors[name].textContent = name === field ? text : '';
      });
      repo.setAttribute('aria-invalid', field === 'repoUrl' ? 'true' : 'false');
      ref.setAttribute('aria-invalid', field === 'ref' ? 'true' : 'false');
      if (field === 'repoUrl') repo.focus();
      if (field === 'ref') ref.focus();
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      showError(null, '');
      submit.disabled = true;
      submit.textContent = t('submitting');
      fetch(page.paths.apiJobs, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ repoUrl: repo.value, ref: ref.value }),
        credentials: 'same-origin',
      })
        .then(function (response) {
          return response.json().then(
            function (body) {
              return { status: response.status, body: body };
            },
            function () {
              return { status: response.status, body: null };
            },
          );
        })
        .then(function (result) {
          if (result.status === 201 && result.body && result.body.job) {
            location.assign(result.body.job.links.page);
            return;
          }
          const error = result.body && result.body.error;
          if (result.status === 400 && error && error.field) {
            showError(error.field, t(error.code, { hosts: page.hosts }));
          } else if (result.status === 429) {
            showError('form', t('queue_full', { limit: page.queueLimit }));
          } else {
            showError('form', t('request_failed', { status: result.status }));
          }
          submit.disabled = false;
          submit.textContent = t('submit');
        })
        .catch(function () {
          showError('form', t('request_failed', { status: 0 }));
          submit.disabled = false;
          submit.textContent = t('submit');
        });
    });
  }

  // ---- job page
  function jobPage() {
    const job = page.job;
    const clockOffset = page.serverNow - Date.now();
    const state = {
      status: job.status,
      stage: job.stage,
      done: job.done,
      total: job.total,
      message: job.message,
      position: job.position,
      error: job.error,
      startedAt: job.startedAt === null ? null : Date.parse(job.startedAt),
      finishedAt: job.finishedAt === null ? null : Date.parse(job.finishedAt),
    };
    const finished = function () {
      return state.status === 'done' || state.status === 'failed' || state.status === 'cancelled';
    };

    function formatDuration(seconds) {
      const whole = Math.max(0, Math.floor(seconds));
      const h = Math.floor(whole / 3600);
      const m = Math.floor((whole % 3600) / 60);
      const s = String(whole % 60).padStart(2, '0');
      return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + s : m + ':' + s;
    }

    function tickElapsed() {
      if (state.startedAt === null) return;
      const end = state.finishedAt !== null ? state.finishedAt : Date.now() + clockOffset;
      byId('elapsed').textContent = formatDuration((end - state.startedAt) / 1000);
    }

    function stageState(stage) {
      if (state.status === 'done') return 'done';
      const index = page.stages.indexOf(stage);
      const current = Math.max(0, page.stages.indexOf(state.stage));
      if (index < current) return 'done';
      if (index > current) return 'pending';
      if (state.status === 'failed' || state.status === 'cancelled') return state.status;
      return 'active';
    }

    function stageLabel(stage) {
      if (stage === 'queued' && state.status === 'queued' && state.position !== null) {
        return t('stage_queued_position', { position: state.position });
      }
      if (stage === 'parse' && state.stage === 'parse' && state.total > 0) {
        return t('stage_parse_count', { done: state.done, total: state.total });
      }
      return t('stage_' + stage);
    }

    function render() {
      const label = byId('status-label');
      label.textContent = t('status_' + state.status);
      label.className = 'status status-' + state.status;
      byId('job').setAttribute('data-status', state.status);
      const progress = byId('progress');
      progress.max = Math.max(state.total, 1);
      progress.value =
        state.status === 'done' ? progress.max : state.total > 0 ? Math.min(state.done, state.total) : 0;
      byId('message').textContent = state.message;
      Array.prototype.forEach.call(byId('stages').children, function (item) {
        const stage = item.getAttribute('data-stage');
        item.className = 'stage stage-' + stageState(stage);
        item.querySelector('.stage-label').textContent = stageLabel(stage);
      });
      const errorPanel = byId('error-panel');
      errorPanel.hidden = !(state.status === 'failed' || state.status === 'cancelled');
      byId('error-heading').textContent =
        state.status === 'cancelled' ? t('cancelled_heading') : t('failed_heading');
      byId('error-text').textContent = state.status === 'failed' ? state.error || t('unknown_error') : '';
      byId('cancel-form').hidden = finished();
      tickElapsed();
    }

    function showLinks(links) {
      const container = byId('links');
      container.textContent = '';
      [
        ['report', 'open_report', 'btn btn-primary'],
        ['reportJson', 'download_json', ''],
        ['reportSarif', 'download_sarif', ''],
        ['log', 'download_log', ''],
      ].forEach(function (entry) {
        if (!links[entry[0]]) return;
        const anchor = document.createElement('a');
        anchor.href = links[entry[0]];
        anchor.textContent = t(entry[1]);
        if (entry[2]) anchor.className = entry[2];
        if (entry[0] === 'report') anchor.id = 'report-link';
        else anchor.setAttribute('download', '');
        container.appendChild(anchor);
        container.appendChild(document.createTextNode(' '));
      });
      container.hidden = false;
    }

    function apply(event) {
      const ends = event.stage === 'done' || event.stage === 'failed' || event.stage === 'cancelled';
      if (ends) {
        state.status = event.stage;
        state.finishedAt = event.at;
        if (event.stage !== 'done') state.error = event.message;
      } else {
        state.status = event.stage === 'queued' ? 'queued' : 'running';
        state.stage = event.stage;
        state.done = event.done;
        state.total = event.total;
        state.position = event.position;
        if (state.status === 'running' && state.startedAt === null) state.startedAt = event.at;
      }
      state.message = event.message;
      render();
    }

    render();
    const timer = setInterval(tickElapsed, 500);
    if (finished()) {
      clearInterval(timer);
      return;
    }

    const source = new EventSource(page.paths.events);
    const onEvent = function (message) {
      byId('connection').hidden = true;
      apply(JSON.parse(message.data));
    };
    source.addEventListener('progress', onEvent);
    source.addEventListener('end', function (message) {
      onEvent(message);
      source.close();
      clearInterval(timer);
      const event = JSON.parse(message.data);
      if (event.links) showLinks(event.links);
      if (event.stage === 'done') {
        byId('message').textContent = t('done_redirect');
        setTimeout(function () {
          location.assign(page.paths.report);
        }, 800);
      }
    });
    // The browser reconnects by itself, sending Last-Event-ID; the stream resumes after it.
    source.addEventListener('error', function () {
      if (!finished()) byId('connection').hidden = false;
      if (source.readyState === EventSource.CLOSED)
        window.setTimeout(function () {
          location.reload();
        }, 5000);
    });

    byId('cancel-form').addEventListener('submit', function (event) {
      event.preventDefault();
      const button = byId('cancel');
      button.disabled = true;
      button.textContent = t('cancelling');
      fetch(page.paths.cancel, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      })
        .catch(function () {
          return null;
        })
        .then(function () {
          button.disabled = false;
          button.textContent = t('cancel');
        });
    });
  }

  // ---- history page
  function historyPage() {
    Array.prototype.forEach.call(document.querySelectorAll('form.delete-form'), function (form) {
      form.addEventListener('submit', function (event) {
        if (!confirm(t('delete_confirm'))) event.preventDefault();
      });
    });
  }

  if (page.page === 'start') startPage();
  else if (page.page === 'job') jobPage();
  else if (page.page === 'history') historyPage();
})();
