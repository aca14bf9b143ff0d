{application,m,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['m.Core','m.Gone']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
