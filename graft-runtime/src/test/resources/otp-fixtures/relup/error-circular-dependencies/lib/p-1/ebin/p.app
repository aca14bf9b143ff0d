{application,p,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['p.P']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
