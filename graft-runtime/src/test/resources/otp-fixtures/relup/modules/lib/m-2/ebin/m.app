{application,m,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['m.Core','m.New']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
