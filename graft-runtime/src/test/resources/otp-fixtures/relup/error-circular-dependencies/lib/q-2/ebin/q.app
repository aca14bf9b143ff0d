{application,q,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['q.Q']},
              {registered,[]},
              {applications,[kernel,stdlib,p]}]}.
