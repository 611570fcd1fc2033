// Installed in the page before the UI's own script (Playwright addInitScript), after a line that sets
// window.__PSA_RECORDED__ to ui/e2e/recorded-ipc.json: stands in for Tauri's IPC and answers every command
// with what the real engine answered against the simulators (src-tauri/tests/ipc_recording.rs).
// A command without a recorded answer is logged in window.__PSA_UNANSWERED__ and rejected, so the runner
// can fail on it. Plain ES2019, no imports.
(function installRecordedIpc() {
  var recorded = window.__PSA_RECORDED__.answers;
  var scenario = window.__PSA_SCENARIO__ || {};
  var saves = 0;
  // The PSA whose credentials the session holds: the test and preview commands do not name it, the app
  // takes it from the session, so the recording keeps one answer per PSA.
  var psa = null;
  var unanswered = (window.__PSA_UNANSWERED__ = []);
  var calls = (window.__PSA_CALLS__ = []);
  var callbacks = {};
  var nextCallback = 1;

  // Which recorded answer a call gets: most commands have one; a few depend on their arguments or on what
  // happened before (profiles_list after each save, the test and preview after the credentials entered).
  function answerKey(cmd, args) {
    switch (cmd) {
      case "template_get":
        return "template_get:" + args.id;
      case "profiles_list":
        if (scenario.startWithProfiles) return "profiles_list";
        return saves === 0 ? "profiles_list:empty" : saves === 1 ? "profiles_list:autotask" : "profiles_list";
      case "profile_save":
        saves += 1;
        return "profile_save:" + (args.profile && args.profile.connection && args.profile.connection.psa);
      case "connection_check":
        return "connection_check:" + psa + (psa === "autotask" && scenario.wrongSecret ? ":wrong_secret" : "");
      case "connection_preview":
        return "connection_preview:" + psa;
      case "connectwise_set_credentials":
        psa = "connectwise";
        return cmd;
      case "autotask_set_credentials":
        psa = "autotask";
        return cmd;
      default:
        return cmd;
    }
  }

  // Commands that answer nothing (null) whatever the session holds.
  var QUIET = { cancel_operation: 1, session_clear: 1, app_ready: 1, handoff_open: 1, "plugin:event|unlisten": 1 };

  function invoke(cmd, args) {
    args = args || {};
    calls.push(cmd);
    if (cmd === "plugin:event|listen") return Promise.resolve(nextCallback++);
    if (QUIET[cmd]) return Promise.resolve(null);
    var key = answerKey(cmd, args);
    var entry = recorded[key];
    if (!entry) {
      unanswered.push(key);
      return Promise.reject({
        code: "internal",
        message: "No recorded answer for " + key + ".",
        fix: "Record it in src-tauri/tests/ipc_recording.rs.",
      });
    }
    // A copy, so the page can never change the recording for the next call.
    var copy = JSON.parse(JSON.stringify("ok" in entry ? entry.ok : entry.err));
    // Answers arrive a little later, as over real IPC (spinners get their frame).
    return new Promise(function (resolve, reject) {
      setTimeout(function () {
        if ("ok" in entry) resolve(copy);
        else reject(copy);
      }, 15);
    });
  }

  window.__TAURI_INTERNALS__ = {
    invoke: invoke,
    transformCallback: function (cb, once) {
      var id = nextCallback++;
      callbacks[id] = function (data) {
        if (once) delete callbacks[id];
        return cb && cb(data);
      };
      return id;
    },
    unregisterCallback: function (id) {
      delete callbacks[id];
    },
    runCallback: function (id, data) {
      if (callbacks[id]) callbacks[id](data);
    },
    callbacks: callbacks,
    convertFileSrc: function (path) {
      return path;
    },
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: function () {} };
})();
