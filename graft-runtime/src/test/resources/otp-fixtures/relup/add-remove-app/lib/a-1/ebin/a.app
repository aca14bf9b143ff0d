{application,a,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['a.A']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
