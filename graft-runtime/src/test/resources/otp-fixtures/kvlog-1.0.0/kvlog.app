{application, kvlog,
 [{description, "Logs what kv does"},
  {vsn, "1.0.0"},
  {modules, ['kvlog.KvLog']},
  {registered, []},
  {applications, [kernel, stdlib]}]}.
