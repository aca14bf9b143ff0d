{application,q,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['q.Q']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
