%% kv: a key-value store, the example application of Graft's fixtures.
{application, kv,
 [{description, "A key-value store"},
  {vsn, "1.0.0"},
  {modules, ['kv.KvApp','kv.KvSup','kv.KvServer']},
  {registered, ['kv.KvSup', 'kv.KvServer']},
  {applications, [kernel, stdlib]},
  {mod, {'kv.KvApp', []}},
  {env, [{max_keys, 16#400}, % a power of two
         {greeting, <<"hello">>}]},
  {maxT, infinity}]}.
